/**
 * OUTBOX_WORKER=off leaves an instance out: it starts no worker and no jobs, and says so in the
 * log; messages wait in the database for the other instances.
 */
import { Writable } from "node:stream";
import { afterAll, expect, it } from "vitest";
import { setLogDestination } from "@/lib/logger";
import { startOutbox } from "@/lib/notifications/start-outbox";

// Read once, lazily (lib/env.ts): set before anything in this file reads the configuration.
process.env.OUTBOX_WORKER = "off";
const lines: string[] = [];
setLogDestination(
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  }),
);
afterAll(() => {
  setLogDestination();
  delete process.env.OUTBOX_WORKER;
});

it("starts nothing with OUTBOX_WORKER=off", async () => {
  expect(await startOutbox()).toBeNull();
  expect(lines.join("")).toContain("outbox worker off in this instance (OUTBOX_WORKER=off)");
});
