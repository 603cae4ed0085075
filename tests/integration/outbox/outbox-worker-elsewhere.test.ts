/**
 * On PostgreSQL the server's own call starts nothing by default (OUTBOX_WORKER=process): the
 * worker runs in the process scripts/server.ts starts beside it (outbox-process.test.ts), and the
 * log says so. Two workers in one instance would only compete for the same rows.
 */
import { afterAll, expect, it } from "vitest";
import { setLogDestination } from "@/lib/logger";
import { startOutbox } from "@/lib/notifications/start-outbox";
import { logLineSink } from "../../helpers/log-lines";

// Read once, lazily (lib/env.ts): the default, whatever the shell running the tests says.
delete process.env.OUTBOX_WORKER;
const messages: string[] = [];
setLogDestination(logLineSink((line: { msg: string }) => messages.push(line.msg)));
afterAll(() => setLogDestination());

it("leaves the worker to its own process by default", async () => {
  expect(process.env.EMBEDDED_DATABASE).toBeUndefined();
  expect(await startOutbox()).toBeNull();
  expect(messages).toContain("outbox worker in a process of its own");
});
