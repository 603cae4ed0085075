/**
 * `npm run bench:catalog`: the catalog page as most visitors see it. Seeds 50 offerings, then in
 * one run, sides alternated over BENCH_ROUNDS (3) rounds of BENCH_CATALOG_SECONDS (10 s) each
 * after a 2 s warm-up, GETs signed out from 20 keep-alive connections spread over
 * BENCH_CLIENT_PROCESSES (2) client processes (catalog-load.ts; node:http, so that the client,
 * whose CPU is reported beside the server's, is not what bounds the rate):
 *   app:          `/offerings` from the app's server, as visitors get it (the edge copy of Next's
 *                 cached page, lib/http/edge-page-cache.ts);
 *   Next's cache: `/offerings?bypass=edge`, the same page from Next's own cache (a query string
 *                 skips the edge copy; Next's cache ignores it), for comparison;
 *   static:       the same HTML (fetched once from `/offerings`) from a plain Node `http` server
 *                 (static-html-server.mjs).
 * Reports req/s, p50/p99 and CPU per request of each (server, PostgreSQL, the client processes),
 * their medians, and the first-load JS of `/offerings` (gzip) against a blank page (the
 * framework's root chunks). Goals: server CPU per cached page ≤ 1.5 ms, app ≥ 0.6 × the static
 * server's req/s (medians, this run), first-load JS ≤ 1.15 × blank, and every answer 200 and the
 * whole signed-out catalog (every card, the end of the document). Exits 1 if any fails.
 *
 *   npm run bench:catalog                      # builds, then benchmarks
 *   BENCH_SKIP_BUILD=1 npm run bench:catalog   # reuses the production build in .next
 * Its own database (offerings_bench_catalog) and ports (3303, static server 3304); other
 * settings: harness.ts.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { db } from "@/lib/db";
import { encryptSecret, generateWebhookSecret } from "@/lib/security/secrets";
import { prepareDatabase } from "../../tooling/database/prepare-database";
import { startServer, type RunningServer } from "../../tooling/server/app-server";
import { benchConfig, buildIfNeeded, type BenchConfig } from "./harness";
import { loadCatalog, LOAD_CLIENTS, type CatalogRun } from "./catalog-load";
import { Goals, median, ms, printCpu, printSummary } from "./report";

const OFFERINGS = 50;
const SECONDS_PER_RUN = Number(process.env.BENCH_CATALOG_SECONDS ?? 10);
const WARM_UP_SECONDS = 2;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const RATIO_GOAL = 0.6;
const SERVER_CPU_GOAL_MS = 1.5;
const FIRST_LOAD_JS_GOAL = 1.15;
const STATIC_PORT = Number(process.env.BENCH_STATIC_PORT ?? 3304);
// Both servers send the same uncompressed bytes; compression would be a cost of its own.
const HEADERS = { "accept-encoding": "identity" };

const CARD = 'data-testid="offering-card"';
const pricingTypes = ["ONE_TIME", "MONTHLY", "YEARLY"] as const;

/** 50 active offerings with catalog-length descriptions and images, plus 5 archived ones. */
async function seedOfferings(): Promise<void> {
  const description =
    "Lessons, templates and a community of people doing the same work. Every module comes with " +
    "exercises, recordings of the live sessions and answers to the questions people asked. ";
  await db.offering.createMany({
    data: Array.from({ length: OFFERINGS + 5 }, (_, index) => ({
      name: `Offering ${index + 1}`,
      description: description.slice(0, 80 + (index % 3) * 40),
      imageUrl: `https://images.example.test/offering-${index + 1}.jpg`,
      priceAmount: 1_900 + index * 100,
      currency: index % 10 === 0 ? "eur" : "usd",
      pricingType: pricingTypes[index % 3],
      accessDurationDays: index % 4 === 0 ? 365 : null,
      paymentLink: `https://pay.example.test/offering-${index + 1}`,
      webhookSecret: encryptSecret(generateWebhookSecret()),
      archivedAt: index >= OFFERINGS ? new Date() : null,
    })),
  });
}

/** A detached `node static-html-server.mjs`, in its own process group like `next start`. */
async function startStaticServer(html: string): Promise<RunningServer> {
  mkdirSync(".data", { recursive: true });
  const htmlPath = path.resolve(".data", "bench-catalog.html");
  writeFileSync(htmlPath, html);
  const script = path.resolve("scripts/bench/static-html-server.mjs");
  const child = spawn(process.execPath, [script, htmlPath, String(STATIC_PORT)], {
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await once(child.stdout, "data");
  const kill = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // The server has ended already.
    }
  };
  process.on("exit", kill);
  const stop = async () => {
    process.off("exit", kill);
    kill();
    await once(child, "exit").catch(() => undefined);
  };
  return { pid: child.pid ?? -1, logPath: "", stop };
}

/** The whole catalog page with every offering, whichever server sent it. */
function isFullCatalog(body: string): boolean {
  const cards = body.split(CARD).length - 1;
  return cards === OFFERINGS && body.trimEnd().endsWith("</html>");
}

/**
 * The catalog page once it shows this run's offerings. A `.next` reused from another run may
 * hold that run's cached page, under a minute old, which Next serves once while it renders anew.
 */
async function seededCatalogHtml(baseUrl: string): Promise<string> {
  const seeded = await db.offering.findMany({ where: { archivedAt: null }, select: { id: true } });
  for (let attempt = 0; attempt < 40; attempt++) {
    const response = await fetch(`${baseUrl}/offerings`, { headers: HEADERS });
    const html = await response.text();
    const fresh = response.headers.get("x-nextjs-cache") !== "STALE";
    if (fresh && isFullCatalog(html) && seeded.every(({ id }) => html.includes(id))) return html;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`/offerings never showed the ${OFFERINGS} seeded offerings`);
}

/** Gzip bytes of the scripts a page loads (not the legacy nomodule polyfills). */
async function scriptBytes(baseUrl: string, sources: string[]): Promise<number> {
  const sizes = await Promise.all(
    sources.map(async (source) => {
      const response = await fetch(new URL(source, baseUrl), { headers: HEADERS });
      return gzipSync(Buffer.from(await response.arrayBuffer())).length;
    }),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** First-load JS of the catalog against a blank page: the root chunks every page loads. */
async function firstLoadJs(baseUrl: string, html: string) {
  const tags = html.match(/<script[^>]*\ssrc="[^"]+"[^>]*>/g) ?? [];
  const sources = tags.filter((tag) => !/noModule|nomodule/.test(tag));
  const pageSources = [
    ...new Set(sources.flatMap((tag) => /\ssrc="([^"]+)"/.exec(tag)?.[1] ?? [])),
  ];
  const manifest = JSON.parse(readFileSync(".next/build-manifest.json", "utf8")) as {
    rootMainFiles: string[];
  };
  const blankSources = manifest.rootMainFiles.map((file) => `/_next/${file}`);
  const [page, blank] = await Promise.all([
    scriptBytes(baseUrl, pageSources),
    scriptBytes(baseUrl, blankSources),
  ]);
  return { page, blank, ratio: page / blank };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

type Side = { name: string; server: RunningServer; url: string };

/** The sides alternated over ROUNDS rounds; each side's runs, in order. */
async function runRounds(config: BenchConfig, sides: Side[]) {
  const expected = { marker: CARD, count: OFFERINGS };
  const runs = new Map<string, CatalogRun[]>(sides.map((side) => [side.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      await loadCatalog(config, side.server, side.url, { seconds: WARM_UP_SECONDS, expected });
      const run = await loadCatalog(config, side.server, side.url, {
        seconds: SECONDS_PER_RUN,
        expected,
      });
      printSummary(`round ${round + 1}, ${side.name}: GET ${side.url}`, run.summary);
      printCpu(run.cpu);
      runs.get(side.name)?.push(run);
    }
  }
  return runs;
}

async function main(): Promise<number> {
  const config = benchConfig({ database: "offerings_bench_catalog", port: "3303" });
  await buildIfNeeded(config);
  await prepareDatabase(config);
  await seedOfferings();
  console.log(`[bench] seeded ${OFFERINGS} active offerings (and 5 archived)`);

  const goals = new Goals();
  const next = await startServer(config, "bench-catalog-server.log");
  let runs: Map<string, CatalogRun[]>;
  try {
    const html = await seededCatalogHtml(config.baseUrl);
    const bytes = Buffer.byteLength(html);
    console.log(`[bench] /offerings: ${kb(bytes)} of HTML`);
    const js = await firstLoadJs(config.baseUrl, html);
    console.log(
      `[bench] first-load JS (gzip): /offerings ${kb(js.page)}, blank page ${kb(js.blank)}, ` +
        `ratio ${js.ratio.toFixed(2)}`,
    );
    goals.check(
      "first-load JS of /offerings",
      js.ratio <= FIRST_LOAD_JS_GOAL,
      `${js.ratio.toFixed(2)} × a blank page (goal ≤ ${FIRST_LOAD_JS_GOAL})`,
    );
    const staticServer = await startStaticServer(html);
    try {
      console.log(
        `\n${ROUNDS} rounds, sides alternated, ${LOAD_CLIENTS}, ${SECONDS_PER_RUN} s each`,
      );
      runs = await runRounds(config, [
        { name: "app", server: next, url: `${config.baseUrl}/offerings` },
        { name: "Next's cache", server: next, url: `${config.baseUrl}/offerings?bypass=edge` },
        { name: "static", server: staticServer, url: `http://127.0.0.1:${STATIC_PORT}/` },
      ]);
    } finally {
      await staticServer.stop();
    }
  } finally {
    await next.stop();
    await db.$disconnect();
  }

  const medians = new Map(
    [...runs].map(([name, sideRuns]) => [
      name,
      {
        requestsPerSecond: median(sideRuns.map((run) => run.summary.requestsPerSecond)),
        p99Ms: median(sideRuns.map((run) => run.summary.p99Ms)),
        serverMs: median(sideRuns.map((run) => run.cpu.server)),
        clientMs: median(sideRuns.map((run) => run.cpu.client)),
        errors: sideRuns.reduce((sum, run) => sum + run.summary.errors, 0),
      },
    ]),
  );
  console.log(`\nmedians of ${ROUNDS}     req/s      p99   server CPU/req   client CPU/req`);
  for (const [name, figures] of medians) {
    console.log(
      `${name.padEnd(20)} ${figures.requestsPerSecond.toFixed(0).padStart(6)} ${ms(figures.p99Ms).padStart(10)}` +
        `   ${ms(figures.serverMs).padStart(14)}   ${ms(figures.clientMs).padStart(14)}`,
    );
  }
  const app = medians.get("app");
  const staticSide = medians.get("static");
  if (!app || !staticSide) throw new Error("a side has no runs");
  const ratio = app.requestsPerSecond / staticSide.requestsPerSecond;
  console.log(`ratio (app / static): ${ratio.toFixed(3)}`);
  goals.check(
    "server CPU per cached catalog page",
    app.serverMs <= SERVER_CPU_GOAL_MS,
    `${ms(app.serverMs)} (goal ≤ ${ms(SERVER_CPU_GOAL_MS)}; Next's own cache ${ms(medians.get("Next's cache")?.serverMs ?? Number.NaN)})`,
  );
  goals.check(
    "req/s vs static server",
    ratio >= RATIO_GOAL,
    `${ratio.toFixed(3)} (goal ≥ ${RATIO_GOAL}; client CPU ${ms(app.clientMs)} and ${ms(staticSide.clientMs)} per request)`,
  );
  for (const [name, figures] of medians) {
    goals.check(
      `${name}: full catalog, no errors`,
      figures.errors === 0,
      `${figures.errors} bad answers`,
    );
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
