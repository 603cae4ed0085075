/**
 * Issue 21, item 4: the app's server runs under a V8 heap cap derived from the memory it may use,
 * overridable by NODE_HEAP_MAX_MB and, above that, by an explicit --max-old-space-size.
 */
import { describe, expect, it } from "vitest";
import { chooseHeapCap, hasHeapCap, withHeapCap } from "../../scripts/heap-cap";

const GIB = 1024 ** 3;
const machine = (gibibytes: number) => ({ totalMemoryBytes: gibibytes * GIB });

describe("the default heap cap", () => {
  it("is a quarter of a cgroup limit, named in the start log", () => {
    const cap = chooseHeapCap({ cgroupLimitBytes: 2 * GIB, totalMemoryBytes: 24 * GIB }, {});
    expect(cap).toEqual({
      mebibytes: 512,
      source: "cgroup limit",
      description: "512 MiB (from 2 GiB cgroup limit)",
    });
  });

  it("takes the machine's memory when no cgroup limits the process", () => {
    expect(chooseHeapCap(machine(1.5), {})).toMatchObject({
      mebibytes: 384,
      description: "384 MiB (from 1.5 GiB machine memory)",
    });
  });

  it("stays at 512 MiB on a large machine, far below V8's own default there", () => {
    expect(chooseHeapCap(machine(24), {}).mebibytes).toBe(512);
    expect(chooseHeapCap({ cgroupLimitBytes: 64 * GIB, totalMemoryBytes: 256 * GIB }, {})).toEqual(
      expect.objectContaining({ mebibytes: 512, source: "cgroup limit" }),
    );
  });

  it("never goes below 256 MiB, however small the container", () => {
    const cap = chooseHeapCap({ cgroupLimitBytes: 512 * 1024 ** 2, totalMemoryBytes: 8 * GIB }, {});
    expect(cap).toMatchObject({
      mebibytes: 256,
      description: "256 MiB (from 512 MiB cgroup limit)",
    });
  });
});

describe("overriding it", () => {
  it("NODE_HEAP_MAX_MB sets it, beyond the default's range too", () => {
    expect(chooseHeapCap(machine(24), { NODE_HEAP_MAX_MB: "2048" })).toEqual({
      mebibytes: 2048,
      source: "NODE_HEAP_MAX_MB",
      description: "2048 MiB (NODE_HEAP_MAX_MB)",
    });
    // Empty counts as unset, as a blank line in .env leaves it.
    expect(chooseHeapCap(machine(24), { NODE_HEAP_MAX_MB: "" }).source).toBe("machine memory");
  });

  it("refuses a NODE_HEAP_MAX_MB that is not a whole number of MiB, or too small to run Next", () => {
    for (const value of ["512MB", "-1", "1.5", "lots"]) {
      expect(() => chooseHeapCap(machine(8), { NODE_HEAP_MAX_MB: value })).toThrow(
        /NODE_HEAP_MAX_MB: must be a whole number of MiB/,
      );
    }
    expect(() => chooseHeapCap(machine(8), { NODE_HEAP_MAX_MB: "64" })).toThrow(/at least 128/);
  });

  it("an explicit --max-old-space-size in NODE_OPTIONS always wins", () => {
    const env = {
      NODE_OPTIONS: "--enable-source-maps --max-old-space-size=300",
      NODE_HEAP_MAX_MB: "900",
    };
    expect(chooseHeapCap(machine(24), env)).toEqual({
      mebibytes: 300,
      source: "NODE_OPTIONS",
      description: "300 MiB (NODE_OPTIONS)",
    });
    expect(chooseHeapCap(machine(24), { NODE_OPTIONS: "--max_old_space_size=700" }).mebibytes).toBe(
      700,
    );
  });
});

describe("the server's environment", () => {
  it("adds the flag to NODE_OPTIONS, keeping what was there", () => {
    const { env, cap } = withHeapCap(
      { NODE_OPTIONS: "--enable-source-maps", PORT: "3000" },
      machine(1),
    );
    expect(env).toEqual({
      NODE_OPTIONS: "--enable-source-maps --max-old-space-size=256",
      PORT: "3000",
    });
    expect(cap.mebibytes).toBe(256);
    expect(hasHeapCap(env)).toBe(true);
  });

  it("leaves an explicit cap alone", () => {
    const given = { NODE_OPTIONS: "--max-old-space-size=1024" };
    expect(withHeapCap(given, machine(2)).env).toBe(given);
    expect(hasHeapCap({})).toBe(false);
  });
});
