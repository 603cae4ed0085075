/**
 * Configuration, parsed once with zod. Nothing else reads process.env. Parsing is lazy so that
 * `next build` can import modules without a database or secrets configured.
 */
import { z } from "zod";

const commaList = z
  .string()
  .default("")
  .transform((value) =>
    value
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );

/** One wait of OUTBOX_RETRY_SCHEDULE: at most a week. */
const retrySeconds = z
  .number({ error: "OUTBOX_RETRY_SCHEDULE must be seconds separated by commas" })
  .min(0)
  .max(7 * 86_400);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters"),
  ENCRYPTION_KEY: z.string().min(16, "ENCRYPTION_KEY must be at least 16 characters"),
  // The key a rotation moves away from: it still decrypts until `npm run secrets:reencrypt`.
  ENCRYPTION_KEY_PREVIOUS: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().min(16, "ENCRYPTION_KEY_PREVIOUS must be at least 16 characters").optional(),
  ),
  NEXT_PUBLIC_APP_URL: z.string().url().default("http://localhost:3000"),
  ADMIN_EMAILS: commaList,
  // SMTP URL for sign-in and verification links. Without it, links go to the log under
  // `npm run dev` only; a production server turns email links off (see lib/auth/email-links.ts).
  EMAIL_SERVER: z.string().optional(),
  EMAIL_FROM: z.string().default("Offerings <no-reply@localhost>"),
  // The built-in demo payment provider pays for offerings whose link points at it. Demo only.
  DEMO_PROVIDER: z.enum(["on", "off"]).default("off"),
  // Outgoing webhooks. "on": endpoints may use http:// and private, loopback and link-local
  // addresses (local receivers in development and tests; the embedded demo sets it). "off":
  // https only, to public addresses only, checked when a URL is saved and on every connection.
  OUTGOING_WEBHOOKS_ALLOW_PRIVATE: z.enum(["on", "off"]).default("off"),
  // An endpoint whose every attempt has failed for this long is disabled (5 days).
  OUTGOING_WEBHOOKS_DISABLE_AFTER_SECONDS: z.coerce.number().int().min(1).default(432_000),
  STRIPE_SECRET_KEY: z.string().startsWith("sk_").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_").optional(),
  NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: z.string().startsWith("pk_").optional(),
  // Set by the launcher when it runs the local Stripe sandbox instead of Stripe's servers.
  STRIPE_API_BASE: z.string().url().optional(),
  STRIPE_SANDBOX_PUBLIC_URL: z.string().url().optional(),
  // "on": DATABASE_URL is the launcher's embedded PGlite (set by scripts/run.ts). It takes one
  // connection, so the daily reconcile schedule (pg-boss, its own connections) stays off.
  EMBEDDED_DATABASE: z.enum(["on", "off"]).default("off"),
  // The daily reconciliation with Stripe (pg-boss cron); "off" turns it off on this instance.
  RECONCILE_SCHEDULE: z.enum(["on", "off"]).default("on"),
  // The outbox worker (lib/notifications/worker.ts). "process": the app's server
  // (scripts/server.ts) runs it in a process of its own beside Next, so that a burst of requests
  // never holds up deliveries on one event loop; "inline": inside the server's own process (the
  // embedded database always does this: it serves one connection); "off": none in this instance
  // (another instance, `npm run outbox:worker`, or a test delivers). Retries: seconds to wait
  // before each attempt of a delivery, the first included (always 0); after the last one fails
  // the delivery is dead. A claimed delivery is held for OUTBOX_LEASE_SECONDS; a worker that dies
  // mid-send lets it go then. With LISTEN (not on the embedded database) workers wake at once and
  // poll every OUTBOX_POLL_MS anyway.
  OUTBOX_WORKER: z.enum(["process", "inline", "off"]).default("process"),
  OUTBOX_RETRY_SCHEDULE: z
    .string()
    .default("0,5,300,1800,7200,18000,36000,36000")
    .transform((value) => value.split(",").map((part) => (part.trim() ? Number(part) : Number.NaN)))
    .pipe(z.array(retrySeconds).min(1)),
  OUTBOX_LEASE_SECONDS: z.coerce.number().min(1).max(3_600).default(60),
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).optional(),
  // Messages (with their deliveries and attempts) are kept this many days after they were
  // written, then deleted by a daily job once none is pending (lib/notifications/prune-outbox.ts).
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(30),
  // Logs: pino's levels; JSON lines on stdout, pretty-printed in development.
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Bearer token for GET /api/metrics; unset, the endpoint answers 404.
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
  // The HTTP server (scripts/server.ts). How many proxies in front of the app append to
  // X-Forwarded-For: 0, clients connect directly and the socket's address is the client's; N, the
  // Nth entry from the right. The per-address rate limits count that address.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Slow clients, in milliseconds: to send the headers; to send the whole request, body included
  // (then 408 and the connection closes); and how long an idle keep-alive connection stays open.
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
});

export type Env = z.infer<typeof schema>;

let parsed: Env | undefined;

export function getEnv(): Env {
  if (parsed) return parsed;
  const result = schema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  parsed = result.data;
  return parsed;
}

/** The app's public origin without a trailing slash, for absolute links. */
export function appUrl(): string {
  return getEnv().NEXT_PUBLIC_APP_URL.replace(/\/+$/, "");
}

/**
 * What the logger needs, alone: it reads nothing else, so an error raised because the rest of the
 * configuration is invalid can still be logged.
 */
export function logSettings(): Pick<Env, "NODE_ENV" | "LOG_LEVEL"> {
  return schema.pick({ NODE_ENV: true, LOG_LEVEL: true }).parse(process.env);
}

/**
 * What the HTTP server (scripts/server.ts) needs, alone: it starts before Next and reads nothing
 * else (its timeouts, and whether it starts the outbox worker's process). Node refuses a headers
 * timeout longer than the request timeout, so that is said here.
 */
export function httpServerSettings() {
  const result = schema
    .pick({
      TRUSTED_PROXY_HOPS: true,
      HTTP_HEADERS_TIMEOUT_MS: true,
      HTTP_REQUEST_TIMEOUT_MS: true,
      HTTP_KEEP_ALIVE_TIMEOUT_MS: true,
      OUTBOX_WORKER: true,
      EMBEDDED_DATABASE: true,
    })
    .refine((settings) => settings.HTTP_HEADERS_TIMEOUT_MS <= settings.HTTP_REQUEST_TIMEOUT_MS, {
      message: "must not be longer than HTTP_REQUEST_TIMEOUT_MS",
      path: ["HTTP_HEADERS_TIMEOUT_MS"],
    })
    .safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

/**
 * The public origin alone, for page metadata: it reads nothing else, so a `next build` with no
 * database or secrets configured can still render it.
 */
export function publicAppUrl(): string {
  const { NEXT_PUBLIC_APP_URL } = schema.pick({ NEXT_PUBLIC_APP_URL: true }).parse(process.env);
  return NEXT_PUBLIC_APP_URL.replace(/\/+$/, "");
}
