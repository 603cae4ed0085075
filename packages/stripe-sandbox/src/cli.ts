/**
 * Runs the Stripe sandbox on its own: `npx tsx packages/stripe-sandbox/src/cli.ts --port 12111
 * --webhook-url http://localhost:3000/api/webhooks/stripe`. Flags win over the environment
 * (STRIPE_SANDBOX_PORT, STRIPE_SANDBOX_HOST, STRIPE_SANDBOX_PUBLIC_URL, STRIPE_SANDBOX_WEBHOOK_URL,
 * STRIPE_WEBHOOK_SECRET, STRIPE_SANDBOX_DATA_FILE, STRIPE_SANDBOX_RETRY_SCALE,
 * STRIPE_SANDBOX_ASYNC_SETTLE_MS).
 */
import { parseArgs } from "node:util";
import { startStripeSandbox } from "./index";

/** Used when no secret is given, so a standalone sandbox and the app can agree without setup. */
const DEFAULT_WEBHOOK_SECRET = "whsec_stripe_sandbox_local_development";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "public-url": { type: "string" },
    "webhook-url": { type: "string" },
    "webhook-secret": { type: "string" },
    "data-file": { type: "string" },
    "retry-scale": { type: "string" },
    "async-settle-ms": { type: "string" },
    help: { type: "boolean" },
  },
});

if (values.help) {
  console.log(
    "Usage: tsx sandbox/stripe/cli.ts [--port 12111] [--host 127.0.0.1] [--public-url URL]\n" +
      "  [--webhook-url URL] [--webhook-secret whsec_…] [--data-file path.json]\n" +
      "  [--retry-scale 0.01] [--async-settle-ms 3000]",
  );
  process.exit(0);
}

const env = process.env;

function numberSetting(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) {
    console.error(`[stripe-sandbox] ${name} must be a non-negative number, got "${value}"`);
    process.exit(2);
  }
  return parsed;
}

const sandbox = await startStripeSandbox({
  port: numberSetting("port", values.port ?? env.STRIPE_SANDBOX_PORT) ?? 12111,
  host: values.host ?? env.STRIPE_SANDBOX_HOST,
  publicUrl: values["public-url"] ?? env.STRIPE_SANDBOX_PUBLIC_URL,
  webhookUrl: values["webhook-url"] ?? env.STRIPE_SANDBOX_WEBHOOK_URL,
  webhookSecret: values["webhook-secret"] ?? env.STRIPE_WEBHOOK_SECRET ?? DEFAULT_WEBHOOK_SECRET,
  dataFile: values["data-file"] ?? env.STRIPE_SANDBOX_DATA_FILE,
  retryScale: numberSetting("retry-scale", values["retry-scale"] ?? env.STRIPE_SANDBOX_RETRY_SCALE),
  asyncSettleMs: numberSetting(
    "async-settle-ms",
    values["async-settle-ms"] ?? env.STRIPE_SANDBOX_ASYNC_SETTLE_MS,
  ),
});

// The secret itself is not printed: it signs webhooks, even if only local ones.
console.log(
  `[stripe-sandbox] API ${sandbox.url} · pages ${sandbox.publicUrl} · webhooks ${
    values["webhook-url"] ??
    env.STRIPE_SANDBOX_WEBHOOK_URL ??
    "(none yet: POST /_sandbox/webhook-url)"
  }`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
