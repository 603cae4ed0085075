/**
 * OUTBOX_WORKER=off leaves an instance out: it starts no worker and no jobs, and says so in the
 * log; messages wait in the database for the other instances.
 */
import { afterAll, expect, it } from "vitest";
import { setLogDestination } from "@/lib/logger";
import { startOutbox } from "@/lib/notifications/start-outbox";
import { logLineSink } from "../../helpers/log-lines";

// Read once, lazily (lib/env.ts): set before anything in this file reads the configuration.
process.env.OUTBOX_WORKER = "off";
const messages: string[] = [];
setLogDestination(logLineSink((line: { msg: string }) => messages.push(line.msg)));
afterAll(() => {
  setLogDestination();
  delete process.env.OUTBOX_WORKER;
});

it("starts nothing with OUTBOX_WORKER=off", async () => {
  expect(await startOutbox()).toBeNull();
  expect(messages).toContain("outbox worker off in this instance (OUTBOX_WORKER=off)");
});
