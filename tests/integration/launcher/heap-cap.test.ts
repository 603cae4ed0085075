/**
 * Issue 21, item 4: the app's server really runs under the heap cap its launcher chooses
 * (scripts/heap-cap.ts). Started alone, as `npm run serve` starts it, scripts/server.ts starts
 * itself again under the cap; its "listening" line reports V8's heap_size_limit from inside the
 * server's process, which is the old space (the cap) plus the young generation.
 */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { chooseHeapCap, readMemoryFigures } from "../../../scripts/heap-cap";

const port = Number(process.env.E2E_PORT ?? 3200) + 95;
// heap_size_limit is the cap plus the young generation (192 MiB on Node 24), where V8's limit
// with no cap is 4288 MiB on a 24 GiB machine.
const YOUNG_GENERATION_MAX_MIB = 256;
let stopServer: (() => void) | undefined;
afterEach(() => stopServer?.());

/** Starts the server in dev mode (no build needed) and resolves with its output once it listens. */
function startServer(env: Record<string, string>): Promise<string> {
  // Nothing of the tests' own heap settings: only what the test gives.
  const inherited = { ...process.env };
  delete inherited.NODE_OPTIONS;
  delete inherited.NODE_HEAP_MAX_MB;
  const child = spawn(
    "node_modules/.bin/tsx",
    ["scripts/server.ts", "dev", "--port", String(port), "--hostname", "127.0.0.1"],
    { env: { ...inherited, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  stopServer = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  };
  return new Promise((resolve, reject) => {
    let output = "";
    const read = (chunk: Buffer) => {
      output += chunk;
      if (/\[server\] listening on port/.test(output)) resolve(output);
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
}

function heapLimitOf(output: string): number {
  const match = output.match(/heap limit (\d+) MiB/);
  if (!match) throw new Error(`no heap limit in:\n${output}`);
  return Number(match[1]);
}

describe("the server's heap cap", () => {
  it("is the default one when nothing is set, logged at start", async () => {
    const expected = chooseHeapCap(readMemoryFigures(), {});
    const output = await startServer({});

    expect(output).toContain(`[server] heap cap ${expected.description}`);
    const limit = heapLimitOf(output);
    expect(limit).toBeGreaterThanOrEqual(expected.mebibytes);
    expect(limit).toBeLessThan(expected.mebibytes + YOUNG_GENERATION_MAX_MIB);
  });

  it("follows NODE_HEAP_MAX_MB, and an explicit --max-old-space-size over it", async () => {
    const configured = await startServer({ NODE_HEAP_MAX_MB: "300" });
    expect(configured).toContain("[server] heap cap 300 MiB (NODE_HEAP_MAX_MB)");
    expect(heapLimitOf(configured) - 300).toBeLessThan(YOUNG_GENERATION_MAX_MIB);
    stopServer?.();

    // Given by the operator (or a launcher): no second start, the flag as it is.
    const explicit = await startServer({
      NODE_HEAP_MAX_MB: "300",
      NODE_OPTIONS: "--max-old-space-size=700",
    });
    expect(explicit).not.toContain("[server] heap cap");
    const limit = heapLimitOf(explicit);
    expect(limit).toBeGreaterThanOrEqual(700);
    expect(limit).toBeLessThan(700 + YOUNG_GENERATION_MAX_MIB);
  });
});
