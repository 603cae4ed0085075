/**
 * The reconcile schedule's pg-boss, when its database connections break: each failure is one
 * short log line with the error's code and message, not the pg client object that pg attaches
 * to the error (its whole connection state, megabytes of log in an outage). The schedule reaches
 * the test database through a TCP proxy the test cuts.
 */
import { Writable } from "node:stream";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, expect, it } from "vitest";
import { setLogDestination } from "@/lib/logger";
import { startReconcileSchedule } from "@/lib/scheduler/reconcile-schedule";
import { proxyTestDatabase, type TcpProxy } from "../../helpers/tcp-proxy";

let proxy: TcpProxy;
const rawLines: string[] = [];
let boss: PgBoss | null = null;

beforeAll(async () => {
  // Before the first read of the configuration in this file.
  proxy = await proxyTestDatabase();
  setLogDestination(
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        rawLines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    }),
  );
});

afterAll(async () => {
  await proxy.restore();
  await boss?.stop({ graceful: false });
  setLogDestination();
  await proxy.close();
});

it("logs a pg-boss connection failure as its code and message, in one short line", async () => {
  boss = await startReconcileSchedule();
  expect(boss).not.toBeNull();
  expect(rawLines.some((line) => line.includes("reconcile schedule on"))).toBe(true);

  await proxy.cut();
  const failures = () => rawLines.filter((line) => line.includes('"msg":"pg-boss failed"'));
  await expect.poll(() => failures().length, { timeout: 10_000 }).toBeGreaterThan(0);

  for (const line of failures()) {
    expect(line.length).toBeLessThan(600);
    expect(line).not.toContain('"client"');
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(parsed).toMatchObject({ level: "error", error_message: expect.any(String) });
  }
  expect(
    failures().map((line) => (JSON.parse(line) as { error_code?: string }).error_code),
  ).toContain("ECONNRESET");
});
