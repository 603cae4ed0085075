/**
 * The outbox worker's process beside the app's server (OUTBOX_WORKER=process, the default on
 * PostgreSQL): scripts/server.ts starts it, with its own environment, when it starts Next. A burst
 * of requests then never holds up the deliveries it causes: each has an event loop of its own.
 *
 * A worker that dies is started again, after 1 s, doubling up to 30 s while it keeps dying within
 * a minute of its start. One that exits with code 2 cannot run with this configuration
 * (scripts/outbox-worker.ts) and is left stopped, which the log says. stop() asks it to finish the
 * deliveries in flight (SIGTERM) and kills it after 15 s; if the server dies first, the worker's
 * IPC channel closes and it stops by itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";

const FIRST_RESTART_MS = 1_000;
const MAX_RESTART_MS = 30_000;
/** A worker that ran this long before it died starts again after FIRST_RESTART_MS. */
const HEALTHY_RUN_MS = 60_000;
const STOP_WAIT_MS = 15_000;
const CANNOT_RUN = 2;

export type OutboxProcess = {
  /** The worker's process id; undefined while none runs. */
  pid: () => number | undefined;
  stop: () => Promise<void>;
};

export function startOutboxProcess(env: NodeJS.ProcessEnv): OutboxProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  let restartMs = FIRST_RESTART_MS;
  let restartTimer: NodeJS.Timeout | undefined;
  // BENCH_SERVER_PROFILE_DIR: a V8 CPU profile of the worker too, written when it stops.
  const profileDir = env.BENCH_SERVER_PROFILE_DIR;
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];

  const start = () => {
    const startedAt = Date.now();
    // Node itself with tsx's loader (not the tsx CLI, which would sit between them), so that the
    // IPC channel joins the server and the worker.
    const worker = spawn(
      process.execPath,
      [...profile, "--import", "tsx", path.resolve("scripts/outbox-worker.ts")],
      { env, stdio: ["ignore", "inherit", "inherit", "ipc"] },
    );
    child = worker;
    console.log(`[server] outbox worker in process ${worker.pid}`);
    worker.on("exit", (code, signal) => {
      child = undefined;
      if (stopping) return;
      if (code === CANNOT_RUN) {
        console.error(
          "[server] the outbox worker cannot run with this configuration; not restarted",
        );
        return;
      }
      if (Date.now() - startedAt >= HEALTHY_RUN_MS) restartMs = FIRST_RESTART_MS;
      console.error(
        `[server] the outbox worker exited (${signal ?? `code ${code}`}); starting it again in ${restartMs} ms`,
      );
      restartTimer = setTimeout(start, restartMs);
      restartMs = Math.min(MAX_RESTART_MS, restartMs * 2);
    });
  };

  start();
  return {
    pid: () => child?.pid,
    stop: async () => {
      stopping = true;
      clearTimeout(restartTimer);
      const running = child;
      if (!running) return;
      const exited = once(running, "exit");
      running.kill("SIGTERM");
      const timer = setTimeout(() => running.kill("SIGKILL"), STOP_WAIT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
