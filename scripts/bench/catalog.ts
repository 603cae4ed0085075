/**
 * `npm run bench:catalog`: the catalog page as most visitors see it. Seeds 50 offerings, then,
 * side by side in one run, 20 keep-alive clients fetch `/offerings` signed out from `next start`
 * and the same HTML (fetched once from `/offerings`) from a plain Node `http` server
 * (static-html-server.mjs), each for about 15 s after a warm-up. Reports req/s, p50/p99 and CPU
 * per request of each, their ratio, and the first-load JS of `/offerings` (gzip) against a blank
 * page (the framework's root chunks). Goals: ratio ≥ 0.25, first-load JS ≤ 1.15 × blank,
 * 0 errors, and every answer the full signed-out catalog. Exits 1 if any fails.
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
import { forEachConcurrently, type LoadResult, type Sample } from "../../tooling/load/run-load";
import { startServer, type RunningServer } from "../../tooling/server/app-server";
import { benchConfig, buildIfNeeded, measureCpu, type BenchConfig } from "./harness";
import { Goals, ms, printCpu, printSummary, summarize, type LoadSummary } from "./report";

const OFFERINGS = 50;
const CLIENTS = 20;
const SECONDS_PER_PHASE = 15;
const RATIO_GOAL = 0.25;
const FIRST_LOAD_JS_GOAL = 1.15;
const STATIC_PORT = Number(process.env.BENCH_STATIC_PORT ?? 3304);
// Both servers send the same uncompressed bytes; compression would be a cost of its own.
const HEADERS = { "accept-encoding": "identity" };

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

type Measured = { summary: LoadSummary; cpuMs: number };

/**
 * GETs `/offerings` `total` times from CLIENTS keep-alive clients, like harness.runLoad, but
 * checks each body as it arrives and keeps none (tens of thousands of 100 KB pages would not
 * fit in memory): a sample whose body is not the full catalog counts as an error (status 0).
 */
async function loadCatalog(baseUrl: string, total: number): Promise<LoadResult> {
  const samples = new Array<Sample>(total);
  const started = performance.now();
  await forEachConcurrently(total, CLIENTS, async (index) => {
    const before = performance.now();
    let status = 0;
    try {
      const response = await fetch(`${baseUrl}/offerings`, {
        headers: HEADERS,
        signal: AbortSignal.timeout(30_000),
      });
      const body = await response.text();
      status = isFullCatalog(body) ? response.status : 0;
    } catch {
      status = 0;
    }
    samples[index] = { latencyMs: performance.now() - before, status, body: "" };
  });
  return { samples, wallMs: performance.now() - started };
}

/** A warm-up that also estimates the rate, then about SECONDS_PER_PHASE seconds of load. */
async function measure(config: BenchConfig, server: RunningServer, baseUrl: string, title: string) {
  const warmUp = await loadCatalog(baseUrl, 200);
  const rate = warmUp.samples.length / (warmUp.wallMs / 1000);
  const total = Math.min(60_000, Math.max(500, Math.round(rate * SECONDS_PER_PHASE)));
  const { result, cpu } = await measureCpu(config, server, total, () =>
    loadCatalog(baseUrl, total),
  );
  const summary = summarize(result);
  printSummary(title, summary);
  printCpu(cpu);
  return { summary, cpuMs: cpu.server } satisfies Measured;
}

/** The whole catalog page with every offering, whichever server sent it. */
function isFullCatalog(body: string): boolean {
  const cards = body.split('data-testid="offering-card"').length - 1;
  return cards === OFFERINGS && body.trimEnd().endsWith("</html>");
}

/**
 * The catalog page once it shows this run's offerings. A `.next` reused from another run may
 * hold that run's cached page, under a minute old, which Next serves once while it renders anew.
 */
async function seededCatalogHtml(baseUrl: string): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const html = await (await fetch(`${baseUrl}/offerings`, { headers: HEADERS })).text();
    if (isFullCatalog(html)) return html;
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

async function main(): Promise<number> {
  const config = benchConfig({ database: "offerings_bench_catalog", port: "3303" });
  await buildIfNeeded(config);
  await prepareDatabase(config);
  await seedOfferings();
  console.log(`[bench] seeded ${OFFERINGS} active offerings (and 5 archived)`);

  const goals = new Goals();
  const next = await startServer(config, "bench-catalog-server.log");
  let nextRun: Measured;
  let staticRun: Measured;
  try {
    const html = await seededCatalogHtml(config.baseUrl);
    console.log(`[bench] /offerings: ${kb(html.length)} of HTML`);
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
      nextRun = await measure(config, next, config.baseUrl, `next start: GET /offerings`);
      const staticUrl = `http://127.0.0.1:${STATIC_PORT}`;
      staticRun = await measure(config, staticServer, staticUrl, "static server, same HTML");
    } finally {
      await staticServer.stop();
    }
  } finally {
    await next.stop();
    await db.$disconnect();
  }

  const ratio = nextRun.summary.requestsPerSecond / staticRun.summary.requestsPerSecond;
  console.log("\n                 req/s     p50         p99         server CPU/request");
  for (const [name, run] of [
    ["next start", nextRun],
    ["static server", staticRun],
  ] as const) {
    const { requestsPerSecond, p50Ms, p99Ms } = run.summary;
    console.log(
      `${name.padEnd(15)}  ${requestsPerSecond.toFixed(0).padStart(6)}  ${ms(p50Ms).padStart(10)}  ` +
        `${ms(p99Ms).padStart(10)}  ${ms(run.cpuMs).padStart(10)}`,
    );
  }
  console.log(`ratio (next / static): ${ratio.toFixed(3)}`);
  goals.check("req/s vs static server", ratio >= RATIO_GOAL, `${ratio.toFixed(3)} (goal ≥ 0.25)`);
  for (const [name, run] of [
    ["next start", nextRun],
    ["static server", staticRun],
  ] as const) {
    goals.check(
      `${name}: full catalog, no errors`,
      run.summary.errors === 0,
      `${run.summary.errors} bad answers`,
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
