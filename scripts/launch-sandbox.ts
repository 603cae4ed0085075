/**
 * The launcher's Stripe sandbox (packages/stripe-sandbox): the workspace package is TypeScript
 * that Node does not load as it is (its imports name no file extensions), so it is imported
 * through tsx's API, for this import alone, once the launcher has started the server.
 */
import type { StripeSandbox, StripeSandboxOptions } from "@offerings/stripe-sandbox";
import { stopwatch } from "./start-timer.ts";

export type LaunchSandbox = StripeSandbox;

type LaunchSandboxOptions = Required<
  Pick<
    StripeSandboxOptions,
    "port" | "publicUrl" | "webhookUrl" | "webhookSecret" | "dataFile" | "retryScale"
  >
>;

/** Starts the sandbox on `port`, its deliveries held until the launcher resumes them. */
export async function startLaunchSandbox(options: LaunchSandboxOptions): Promise<LaunchSandbox> {
  const starting = stopwatch();
  const { tsImport } = await import("tsx/esm/api");
  const { startStripeSandbox } = (await tsImport(
    "@offerings/stripe-sandbox",
    import.meta.url,
  )) as typeof import("@offerings/stripe-sandbox");
  // Seeding creates objects before Next listens: their events wait until the app answers.
  const sandbox = await startStripeSandbox({ ...options, holdDeliveries: true });
  console.log(
    `[run] no STRIPE_SECRET_KEY: Stripe sandbox on ${sandbox.publicUrl}, events to /api/webhooks/stripe (${starting.took()})`,
  );
  return sandbox;
}
