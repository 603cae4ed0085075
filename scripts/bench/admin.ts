/**
 * `npm run bench:admin`: the admin console at scale. Seeds 100,000 orders across 10,000 users
 * and 50 offerings (admin-seed.ts), signs in as an admin, then times 200 requests (one at a
 * time, so latency is the server's time plus a local round trip) to each of: the purchases list
 * (first, filtered and deep page), a search by email and by payment intent, the dashboard for
 * 30 days and a user page. Goal: p95 < 100 ms each. Exits 1 if any misses.
 *
 *   npm run bench:admin                      # builds, then benchmarks
 *   BENCH_SKIP_BUILD=1 npm run bench:admin   # reuses the production build in .next
 * Its own database (offerings_bench_admin) and port (3302); other settings: harness.ts.
 */
import { BENCH_ADMIN, SCALE, seedAdminBench } from "./admin-seed";
import { prepareDatabase } from "../../tooling/database/prepare-database";
import { runLoad } from "../../tooling/load/run-load";
import { startServer } from "../../tooling/server/app-server";
import { benchConfig, buildIfNeeded, type BenchConfig } from "./harness";
import { Goals, isError, ms, percentile } from "./report";

const REQUESTS = 200;
const P95_GOAL_MS = 100;

/** Auth.js credentials sign-in over HTTP: the CSRF token's cookie, then the callback's session cookie. */
async function signIn(config: BenchConfig): Promise<string> {
  const csrf = await fetch(`${config.baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair.split("=");
      jar.set(name, value.join("="));
    }
  };
  keep(csrf);
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const body = new URLSearchParams({
    csrfToken,
    email: BENCH_ADMIN.email,
    password: BENCH_ADMIN.password,
    callbackUrl: "/admin",
  });
  const callback = await fetch(`${config.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookieHeader(),
      origin: config.baseUrl,
    },
    body,
    redirect: "manual",
  });
  keep(callback);
  if (![...jar.keys()].some((name) => name.includes("session-token")))
    throw new Error(`sign-in failed: ${callback.status}`);
  return cookieHeader();
}

async function main(): Promise<number> {
  const config = benchConfig({ database: "offerings_bench_admin", port: "3302" });
  await buildIfNeeded(config);
  await prepareDatabase(config);
  console.log(
    `[bench] seeding ${SCALE.orders} orders, ${SCALE.users} users, ${SCALE.offerings} offerings`,
  );
  const seeding = performance.now();
  await seedAdminBench();
  console.log(`[bench] seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  const today = new Date();
  const from = new Date(today.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  const to = today.toISOString().slice(0, 10);
  const pages: Array<[string, string]> = [
    ["purchases, first page", "/admin/purchases"],
    ["purchases, filtered", "/admin/purchases?status=REFUNDED&page=2"],
    ["purchases, deep page", "/admin/purchases?page=3000"],
    ["search by email", "/admin/search?q=buyer4242%40example.test"],
    ["search by payment intent", "/admin/search?q=pi_bench_77777"],
    ["dashboard, 30 days", `/admin?from=${from}&to=${to}`],
    ["user page", "/admin/users/bench-user-4242"],
  ];

  const server = await startServer(config, "bench-admin-server.log");
  const goals = new Goals();
  try {
    const cookie = await signIn(config);
    console.log("\nPage                          p50        p95        max     errors");
    for (const [name, path] of pages) {
      const request = () => ({
        path,
        method: "GET" as const,
        headers: { cookie, "accept-encoding": "identity" },
      });
      // The page itself, not a redirect to sign-in: measured answers must be the admin's page.
      const probe = await fetch(`${config.baseUrl}${path}`, {
        headers: { cookie },
        redirect: "manual",
      });
      const html = await probe.text();
      if (probe.status !== 200 || !html.includes(BENCH_ADMIN.email)) {
        throw new Error(`${path} answered ${probe.status} without the signed-in admin's page`);
      }
      await runLoad({ baseUrl: config.baseUrl, total: 10, concurrency: 1, request }); // warm-up
      const { samples } = await runLoad({
        baseUrl: config.baseUrl,
        total: REQUESTS,
        concurrency: 1,
        request,
      });
      const latencies = samples.map((sample) => sample.latencyMs).sort((a, b) => a - b);
      const errors = samples.filter(isError);
      const p95 = percentile(latencies, 95);
      console.log(
        `${name.padEnd(28)}  ${ms(percentile(latencies, 50)).padStart(9)}  ${ms(p95).padStart(9)}  ${ms(latencies.at(-1) ?? 0).padStart(9)}  ${errors.length}`,
      );
      if (errors[0])
        console.log(`  first error: ${errors[0].status} ${errors[0].body.slice(0, 200)}`);
      goals.check(
        `${name} p95`,
        errors.length === 0 && p95 < P95_GOAL_MS,
        `${ms(p95)} (goal < ${ms(P95_GOAL_MS)}), ${errors.length} errors`,
      );
    }
  } finally {
    await server.stop();
  }
  return goals.report();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[bench] failed:", error);
    process.exit(1);
  },
);
