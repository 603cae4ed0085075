/**
 * The V8 heap cap of the app's server (scripts/server.ts), chosen by whoever starts it
 * (scripts/run.ts, tooling/server/app-server.ts, or server.ts itself under `npm run serve`) and
 * handed over as `--max-old-space-size` in the child's NODE_OPTIONS.
 *
 * Why a cap at all: with none, V8 sizes the old generation from the machine (about 4 GiB on a
 * 24 GiB machine), and from a maximum of 2 GiB up V8's heap controller lets the heap grow to up
 * to 4 × the live heap between full collections (below 2 GiB that factor falls linearly to 1.3 at
 * 256 MiB: v8/src/heap/heap-controller.cc, MaxGrowingFactor). The soak's live heap stayed at
 * 105–125 MiB while RSS grew 358 → 503 MiB (+40 %); capped at 256 MiB it held (+3.6 %).
 *
 * The default: a quarter of the memory the process may use (its cgroup's limit when one is set,
 * else the machine's memory), the share V8 itself takes of physical memory, leaving the rest to
 * what is not heap (code, buffers, the PostgreSQL driver's sockets, Next's native parts), and
 * clamped to 256 MiB … 512 MiB:
 * - 256 MiB: the soak ran clean there (0 errors at 50 requests/s), twice the live heap; in a
 *   smaller container than 1 GiB the cap is more than a quarter, and that container is too small.
 * - 512 MiB: four times the live heap under load, and far below 2 GiB, where V8 stays on its
 *   small-heap growth rule (at most 1.4 × live). A deployment that needs more says so.
 * Overrides: NODE_HEAP_MAX_MB (a number of MiB), and above it an explicit --max-old-space-size
 * in NODE_OPTIONS, which always wins.
 */
import os from "node:os";
import { z } from "zod";

const MIB = 1024 * 1024;
export const HEAP_CAP_FLOOR_MIB = 256;
export const HEAP_CAP_CEILING_MIB = 512;
export const HEAP_CAP_SHARE = 1 / 4;

/** What the process may use: its cgroup's limit (if any) and the machine's memory, in bytes. */
export type MemoryFigures = { cgroupLimitBytes?: number; totalMemoryBytes: number };

export type HeapCapSource = "NODE_OPTIONS" | "NODE_HEAP_MAX_MB" | "cgroup limit" | "machine memory";

export type HeapCap = {
  mebibytes: number;
  source: HeapCapSource;
  /** For the start log: "512 MiB (from 2 GiB cgroup limit)". */
  description: string;
};

const heapCapEnv = z.object({
  NODE_OPTIONS: z.string().optional(),
  NODE_HEAP_MAX_MB: z
    .string()
    .trim()
    .regex(/^\d+$/, "must be a whole number of MiB")
    .transform(Number)
    .pipe(z.number().int().min(128, "must be at least 128 (MiB): Next alone needs about 100"))
    .optional(),
});

/** Only NODE_OPTIONS and NODE_HEAP_MAX_MB are read. */
export type HeapCapEnv = Record<string, string | undefined>;

const EXPLICIT_FLAG = /--max[-_]old[-_]space[-_]size(?:=|\s+)(\d+)/;

/** The cap, from the memory figures and the configuration; throws on an invalid NODE_HEAP_MAX_MB. */
export function chooseHeapCap(memory: MemoryFigures, env: HeapCapEnv): HeapCap {
  const parsed = heapCapEnv.safeParse({
    NODE_OPTIONS: env.NODE_OPTIONS,
    NODE_HEAP_MAX_MB: env.NODE_HEAP_MAX_MB || undefined,
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const explicit = parsed.data.NODE_OPTIONS?.match(EXPLICIT_FLAG);
  if (explicit) {
    const mebibytes = Number(explicit[1]);
    return { mebibytes, source: "NODE_OPTIONS", description: `${mebibytes} MiB (NODE_OPTIONS)` };
  }
  if (parsed.data.NODE_HEAP_MAX_MB !== undefined) {
    const mebibytes = parsed.data.NODE_HEAP_MAX_MB;
    return {
      mebibytes,
      source: "NODE_HEAP_MAX_MB",
      description: `${mebibytes} MiB (NODE_HEAP_MAX_MB)`,
    };
  }
  const limited = memory.cgroupLimitBytes !== undefined;
  const available = memory.cgroupLimitBytes ?? memory.totalMemoryBytes;
  const share = Math.floor((available * HEAP_CAP_SHARE) / MIB);
  const mebibytes = Math.min(HEAP_CAP_CEILING_MIB, Math.max(HEAP_CAP_FLOOR_MIB, share));
  const source = limited ? "cgroup limit" : "machine memory";
  return { mebibytes, source, description: `${mebibytes} MiB (from ${size(available)} ${source})` };
}

/**
 * The memory figures of this machine and process. Node's process.constrainedMemory() is libuv's
 * reading of the cgroup limit (v2 memory.max, v1 memory.limit_in_bytes); "no limit" reads as 0
 * or a huge number, so a limit counts only below the machine's memory.
 */
export function readMemoryFigures(): MemoryFigures {
  const totalMemoryBytes = os.totalmem();
  const constrained = process.constrainedMemory();
  const limited = constrained > 0 && constrained < totalMemoryBytes;
  return limited ? { cgroupLimitBytes: constrained, totalMemoryBytes } : { totalMemoryBytes };
}

/** True when NODE_OPTIONS already carries a heap cap (a parent launcher's, or the operator's). */
export function hasHeapCap(env: HeapCapEnv): boolean {
  return EXPLICIT_FLAG.test(env.NODE_OPTIONS ?? "");
}

/**
 * The environment for the server's process: `env` with the chosen cap in NODE_OPTIONS (unless it
 * is there already), and the cap for the start log.
 */
export function withHeapCap<Env extends HeapCapEnv>(
  env: Env,
  memory: MemoryFigures = readMemoryFigures(),
): { env: Env; cap: HeapCap } {
  const cap = chooseHeapCap(memory, env);
  if (cap.source === "NODE_OPTIONS") return { env, cap };
  const flag = `--max-old-space-size=${cap.mebibytes}`;
  const NODE_OPTIONS = env.NODE_OPTIONS ? `${env.NODE_OPTIONS} ${flag}` : flag;
  return { env: { ...env, NODE_OPTIONS }, cap };
}

function size(bytes: number): string {
  const gibibytes = bytes / (1024 * MIB);
  if (gibibytes >= 1) return `${Number(gibibytes.toFixed(1))} GiB`;
  return `${Math.round(bytes / MIB)} MiB`;
}
