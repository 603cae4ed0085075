/**
 * One Stripe sandbox and one webhook receiver per test file, for the sandbox's own tests. The
 * sandbox retries fast (retryScale 0.001) and settles bank debits after 50 ms.
 */
import Stripe from "stripe";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startStripeSandbox, type StripeSandbox } from "../../src";
import { startWebhookReceiver, type WebhookReceiver } from "../../testing/webhooks";

export const WEBHOOK_SECRET = "whsec_test_sandbox_secret";

export type SandboxSuite = { sandbox: StripeSandbox; receiver: WebhookReceiver; stripe: Stripe };

/** Registers the hooks; the returned object is filled in before the file's first test. */
export function setUpSandboxSuite(): SandboxSuite {
  const suite = {} as SandboxSuite;
  beforeAll(async () => {
    suite.receiver = await startWebhookReceiver(WEBHOOK_SECRET);
    suite.sandbox = await startStripeSandbox({
      port: 0,
      webhookSecret: WEBHOOK_SECRET,
      webhookUrl: suite.receiver.url,
      retryScale: 0.001,
      asyncSettleMs: 50,
    });
    suite.stripe = new Stripe("sk_test_sandbox", { ...suite.sandbox.sdkOptions });
  });
  afterAll(async () => {
    await suite.sandbox?.close();
    await suite.receiver?.close();
  });
  beforeEach(() => {
    suite.sandbox.resetDeliveryMode();
    suite.receiver.respondWith(() => 200);
  });
  return suite;
}
