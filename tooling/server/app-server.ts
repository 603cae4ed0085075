/**
 * The app's production server (or `next start` of another Next app) in its own process group, on
 * the build already in `.next`: started by the benchmarks and by the end-to-end tests' extra
 * instances alike, and always stopped with its whole group.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { withHeapCap, type HeapCap } from "../../scripts/heap-cap";

/** Where the server answers and the environment it runs with (its database, secrets, pool). */
export type ServerConfig = { baseUrl: string; env: NodeJS.ProcessEnv };

export type RunningServer = {
  pid: number;
  logPath: string;
  /** The app's V8 heap cap, as `npm start` chooses it; none for another Next app. */
  heapCap?: HeapCap;
  stop: () => Promise<void>;
};

/**
 * The app's production server (or `next start` of the Next app in `dir`) in its own process
 * group, logging to .data/`logName`; resolves once it answers HTTP on `/`. stop() ends the whole
 * group, which is also killed if this process exits or is interrupted first, so no server is left
 * running. `pid` is the group's id.
 */
export async function startServer(config: ServerConfig, logName = "bench-server.log", dir = ".") {
  mkdirSync(".data", { recursive: true });
  const logPath = path.resolve(".data", logName);
  const log = openSync(logPath, "w");
  const port = new URL(config.baseUrl).port;
  // The app runs in its own HTTP server (scripts/server.ts), as `npm start` runs it; another
  // Next app (the naive webhook) in `next start`.
  // The app also under the heap cap `npm start` gives it (scripts/heap-cap.ts).
  const capped = dir === "." ? withHeapCap(config.env) : undefined;
  // BENCH_SERVER_PROFILE_DIR: the app's server writes a V8 CPU profile there when it stops
  // (node --cpu-prof, which NODE_OPTIONS does not take); open it in Chrome DevTools.
  const profileDir = config.env.BENCH_SERVER_PROFILE_DIR;
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const [bin, args] = capped
    ? [
        path.resolve("node_modules/.bin/tsx"),
        [...profile, "scripts/server.ts", "start", "--port", port],
      ]
    : [path.resolve("node_modules/.bin/next"), ["start", dir, "--port", port]];
  const env = capped?.env ?? config.env;
  const child = spawn(bin, args, { env, detached: true, stdio: ["ignore", log, log] });
  closeSync(log); // the server holds its own copy
  const exit = once(child, "exit").catch(() => undefined);
  const running = () => child.exitCode === null && child.signalCode === null;
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return; // never spawned; never signal group 0 (our own)
    try {
      process.kill(-child.pid, signal);
    } catch {
      // The whole group has ended.
    }
  };
  const onExit = () => killGroup("SIGKILL");
  const onSignal = () => process.exit(130); // "exit" then kills the group
  process.on("exit", onExit).on("SIGINT", onSignal).on("SIGTERM", onSignal);

  const stop = async () => {
    const timer = setTimeout(() => killGroup("SIGKILL"), 5_000);
    killGroup("SIGTERM");
    await exit;
    clearTimeout(timer);
    killGroup("SIGKILL"); // anything of the group that outlived its leader
    process.off("exit", onExit).off("SIGINT", onSignal).off("SIGTERM", onSignal);
  };

  const deadline = Date.now() + 60_000;
  // Not yet answering, or too slow to finish within the timeout (headers, then body): try again.
  const answers = () =>
    fetch(`${config.baseUrl}/`, { signal: AbortSignal.timeout(2_000) })
      .then((response) => response.arrayBuffer())
      .then(
        () => true,
        () => false,
      );
  while (!(await answers())) {
    if (!running() || Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not come up on ${config.baseUrl}; see ${logPath}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const pool = config.env.DATABASE_POOL_SIZE;
  const heap = capped ? `, heap cap ${capped.cap.description}` : "";
  console.log(`[bench] server on ${config.baseUrl}, pool ${pool}${heap}, log in ${logPath}`);
  return { pid: child.pid ?? -1, logPath, heapCap: capped?.cap, stop } satisfies RunningServer;
}
