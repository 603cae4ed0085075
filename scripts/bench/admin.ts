/**
 * `npm run bench:admin`: the admin console at scale. Seeds 1,000,000 orders across 100,000 users
 * and 50 offerings, with every admin list's table filled to match (admin-seed.ts), signs in as an
 * admin, then times REQUESTS requests one at a time (latency is the server's time plus a local
 * round trip) to each of: every admin list's first page, a page 30,000 pages deep reached by
 * cursor, its filters, the search box, the dashboard and a user page (admin-pages.ts). Goals:
 * p95 < 100 ms each, and a deep page's p50 within 1.5× (+5 ms) of its list's first page. Then it
 * downloads the CSV export of every order and reports the server's RSS as it streams
 * (admin-export.ts); goal: the peak stays within 100 MiB of the RSS before the download. Prints
 * a table; exits 0 when every goal is met, 1 otherwise.
 *
 *   npm run bench:admin                      # builds, seeds, then benchmarks
 *   BENCH_SKIP_BUILD=1 npm run bench:admin   # reuses the production build in .next
 *   BENCH_ADMIN_REUSE=1 …                    # reuses a database seeded at the same scale
 *   BENCH_ADMIN_ORDERS=100000 BENCH_ADMIN_USERS=10000 …   # a smaller seed
 *   BENCH_ADMIN_REQUESTS=50 …                # fewer requests per page (200 by default)
 *   BENCH_ADMIN_PAGES=subscriptions …        # only the pages whose name holds this text
 *
 * Its own database (offerings_bench_admin, plus TEST_DATABASE_SUFFIX when set) and port (3302);
 * other settings: harness.ts.
 */
import { measureOrdersExport } from "./admin-export";
import { benchPages, type BenchPage } from "./admin-pages";
import { BENCH_ADMIN, SCALE, seedAdminBench, seededOrders } from "./admin-seed";
import { prepareDatabase } from "../../tooling/database/prepare-database";
import { runLoad } from "../../tooling/load/run-load";
import { startServer } from "../../tooling/server/app-server";
import { runBin } from "../../tooling/server/run-bin";
import { benchConfig, buildIfNeeded, measureCpu, type BenchConfig } from "./harness";
import type { RunningServer } from "../../tooling/server/app-server";
import { mebibytes } from "./process-usage";
import { Goals, isError, ms, percentile } from "./report";

const ADMIN_PANEL = "Admin panel";
const REQUESTS = Number(process.env.BENCH_ADMIN_REQUESTS) || 200;
const P95_GOAL_MS = 100;
const DEEP_RATIO_GOAL = 1.5;
const DEEP_SLACK_MS = 5;
const EXPORT_RSS_GROWTH_GOAL = 100 * 1024 * 1024;

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

/**
 * A fresh database, migrated and seeded; or, with BENCH_ADMIN_REUSE=1, the one a previous run
 * seeded at the same scale, only migrated (its encryption key is the bench's fixed one).
 */
async function prepareSeededDatabase(config: BenchConfig): Promise<void> {
  if (process.env.BENCH_ADMIN_REUSE === "1") {
    const migrated = await runBin("tsx", ["scripts/db/prepare.ts", "--no-seed"], config.env);
    if (migrated === 0 && (await seededOrders().catch(() => 0)) === SCALE.orders) {
      console.log(`[bench] BENCH_ADMIN_REUSE=1: reusing ${SCALE.orders} seeded orders`);
      return;
    }
  }
  await prepareDatabase(config);
  console.log(`[bench] seeding ${SCALE.orders} orders, ${SCALE.users} users`);
  const seeding = performance.now();
  for (const { table, rows, seconds } of await seedAdminBench()) {
    console.log(
      `[bench]   ${table.padEnd(24)} ${String(rows).padStart(9)} rows  ${seconds.toFixed(1)} s`,
    );
  }
  console.log(`[bench] seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
}

type Timing = {
  p50: number;
  p95: number;
  max: number;
  errors: number;
  serverCpu: number;
  databaseCpu: number;
};

async function timePage(
  config: BenchConfig,
  server: RunningServer,
  cookie: string,
  page: BenchPage,
): Promise<Timing> {
  const request = () => ({
    path: page.path,
    method: "GET" as const,
    headers: { cookie, "accept-encoding": "identity" },
  });
  // The page itself, not a redirect to sign-in: measured answers must be the admin's page (the
  // header's account menu is filled in the browser, so the admin layout's heading tells).
  const probe = await fetch(`${config.baseUrl}${page.path}`, {
    headers: { cookie },
    redirect: "manual",
  });
  const html = await probe.text();
  if (probe.status !== 200 || !html.includes(ADMIN_PANEL)) {
    throw new Error(`${page.path} answered ${probe.status} without the signed-in admin's page`);
  }
  await runLoad({ baseUrl: config.baseUrl, total: 10, concurrency: 1, request }); // warm-up
  // CPU per request beside the latency: on a machine shared with others, latency includes the
  // wait for a core; the CPU the server and PostgreSQL spent is the page's own cost.
  const { result, cpu } = await measureCpu(config, server, REQUESTS, () =>
    runLoad({ baseUrl: config.baseUrl, total: REQUESTS, concurrency: 1, request }),
  );
  const { samples } = result;
  const latencies = samples.map((sample) => sample.latencyMs).sort((a, b) => a - b);
  const errors = samples.filter(isError);
  if (errors[0]) console.log(`  first error: ${errors[0].status} ${errors[0].body.slice(0, 200)}`);
  return {
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.at(-1) ?? 0,
    errors: errors.length,
    serverCpu: cpu.server,
    databaseCpu: cpu.database,
  };
}

async function main(): Promise<number> {
  // A fixed key, so that a database seeded by an earlier run (BENCH_ADMIN_REUSE=1) accepts it.
  process.env.ENCRYPTION_KEY ??= "bench-admin-encryption-key-32-bytes-long";
  const suffix = process.env.TEST_DATABASE_SUFFIX ?? "";
  const config = benchConfig({ database: `offerings_bench_admin${suffix}`, port: "3302" });
  const started = performance.now();
  await buildIfNeeded(config);
  await prepareSeededDatabase(config);
  const only = process.env.BENCH_ADMIN_PAGES;
  const pages = (await benchPages()).filter((page) => !only || page.name.includes(only));

  const server = await startServer(config, "bench-admin-server.log");
  const goals = new Goals();
  try {
    const cookie = await signIn(config);
    console.log(`\n${REQUESTS} requests a page, one at a time`);
    console.log(
      `${"Page".padEnd(40)}  ${"p50".padStart(9)}  ${"p95".padStart(9)}  ${"max".padStart(9)}  errors  ${"server CPU".padStart(10)}  ${"pg CPU".padStart(9)}`,
    );
    const p50ByPath = new Map<string, number>();
    for (const page of pages) {
      const timing = await timePage(config, server, cookie, page);
      p50ByPath.set(page.path, timing.p50);
      console.log(
        `${page.name.padEnd(40)}  ${ms(timing.p50).padStart(9)}  ${ms(timing.p95).padStart(9)}  ${ms(timing.max).padStart(9)}  ${String(timing.errors).padStart(6)}  ${ms(timing.serverCpu).padStart(10)}  ${ms(timing.databaseCpu).padStart(9)}`,
      );
      goals.check(
        `${page.name} p95`,
        timing.errors === 0 && timing.p95 < P95_GOAL_MS,
        `${ms(timing.p95)} (goal < ${ms(P95_GOAL_MS)}), ${timing.errors} errors`,
      );
      const first = page.sameListFirstPage && p50ByPath.get(page.sameListFirstPage);
      if (first) {
        goals.check(
          `${page.name} costs what page 1 costs`,
          timing.p50 <= first * DEEP_RATIO_GOAL + DEEP_SLACK_MS,
          `p50 ${ms(timing.p50)} vs ${ms(first)} (${(timing.p50 / first).toFixed(2)}×; goal ≤ ${DEEP_RATIO_GOAL}× + ${DEEP_SLACK_MS} ms)`,
        );
      }
    }

    console.log("\nCSV export of every order, streamed");
    const figures = await measureOrdersExport({
      baseUrl: config.baseUrl,
      cookie,
      serverGroup: server.pid,
    });
    const growth = figures.rssPeakBytes - figures.rssBeforeBytes;
    console.log(
      `  ${figures.rows} rows, ${mebibytes(figures.bytes)} in ${figures.seconds.toFixed(1)} s (status ${figures.status})`,
    );
    console.log(
      `  server RSS: ${mebibytes(figures.rssBeforeBytes)} before; peak per quarter of the download ${figures.rssPeakByQuarter.map(mebibytes).join(", ")}`,
    );
    goals.check(
      "CSV export of every order",
      figures.status === 200 && figures.rows === (await seededOrders()),
      `${figures.rows} rows, status ${figures.status}`,
    );
    goals.check(
      "CSV export memory stays flat",
      growth < EXPORT_RSS_GROWTH_GOAL,
      `peak RSS ${mebibytes(figures.rssPeakBytes)}, ${mebibytes(growth)} above the RSS before (goal < ${mebibytes(EXPORT_RSS_GROWTH_GOAL)}); last quarter ÷ first ${(figures.rssPeakByQuarter[3] / figures.rssPeakByQuarter[0]).toFixed(2)}`,
    );
  } finally {
    await server.stop();
  }
  console.log(`\n[bench] ${((performance.now() - started) / 60_000).toFixed(1)} min in all`);
  return goals.report();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("[bench] failed:", error);
    process.exit(1);
  },
);
