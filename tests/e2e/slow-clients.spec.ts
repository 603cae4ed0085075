/**
 * Slow clients (a body that never comes, headers that never end, an idle keep-alive connection)
 * are cut off by the production server's timeouts instead of holding a connection for Node's
 * default 300 s. An instance of the production server with short timeouts set through its
 * configuration (HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS, HTTP_KEEP_ALIVE_TIMEOUT_MS).
 */
import { connect, type Socket } from "node:net";
import { expect, test } from "@playwright/test";
import {
  extraInstancePort,
  newSharedSecrets,
  startAppInstance,
  type AppInstance,
} from "../helpers/app-instance";
import { e2eDatabaseUrl } from "./database";

// Short, but not so short that a busy machine (an event loop held for a second or two by a cold
// render) could cut off an ordinary request: Node checks these between turns of the loop.
const TIMEOUTS = {
  HTTP_HEADERS_TIMEOUT_MS: "4000",
  HTTP_REQUEST_TIMEOUT_MS: "6000",
  HTTP_KEEP_ALIVE_TIMEOUT_MS: "2000",
};
/** Node checks its timeouts once a second (scripts/server.ts): allow that, and a busy machine. */
const SLACK_MS = 4_000;

let instance: AppInstance;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  instance = await startAppInstance({
    port: extraInstancePort(5),
    databaseUrl: e2eDatabaseUrl(),
    secrets: newSharedSecrets(),
    env: { ...TIMEOUTS, RECONCILE_SCHEDULE: "off" },
    logName: "e2e-slow-clients.log",
  });
});

test.afterAll(async () => {
  await instance?.stop();
});

type Outcome = { closedAfterMs: number; idleAfterAnswerMs: number; received: string };

/** Opens a raw connection, writes `data`, then stays silent; resolves when the server closes it. */
function stallAfter(port: number, data: string, giveUpMs = 20_000): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, "127.0.0.1");
    let received = "";
    let started = 0;
    let answered = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still open after ${giveUpMs} ms; received: ${received.slice(0, 200)}`));
    }, giveUpMs);
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      answered ||= Date.now();
      received += chunk;
    });
    socket.on("error", () => {}); // a reset is a close too
    socket.on("close", () => {
      clearTimeout(timer);
      const now = Date.now();
      resolve({
        closedAfterMs: now - started,
        idleAfterAnswerMs: now - (answered || now),
        received,
      });
    });
    socket.on("connect", () => {
      started = Date.now();
      socket.write(data);
    });
  });
}

test("a body that stalls after its headers gets 408 and a closed connection within the request timeout", async () => {
  const port = Number(new URL(instance.url).port);
  const outcome = await stallAfter(
    port,
    [
      "POST /webhooks/offerings/slow-body HTTP/1.1",
      `Host: 127.0.0.1:${port}`,
      "Content-Type: application/json",
      "Content-Length: 1000",
      "",
      '{"status":',
    ].join("\r\n"),
  );
  expect(outcome.received).toMatch(/^HTTP\/1\.1 408/);
  expect(outcome.closedAfterMs).toBeLessThan(Number(TIMEOUTS.HTTP_REQUEST_TIMEOUT_MS) + SLACK_MS);
});

test("headers that never end are cut off within the headers timeout", async () => {
  const port = Number(new URL(instance.url).port);
  const outcome = await stallAfter(
    port,
    `GET /offerings HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `,
  );
  expect(outcome.received === "" || /^HTTP\/1\.1 408/.test(outcome.received)).toBe(true);
  expect(outcome.closedAfterMs).toBeLessThan(Number(TIMEOUTS.HTTP_HEADERS_TIMEOUT_MS) + SLACK_MS);
});

test("an idle keep-alive connection closes after the keep-alive timeout", async () => {
  const port = Number(new URL(instance.url).port);
  const outcome = await stallAfter(
    port,
    `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`,
  );
  expect(outcome.received).toMatch(/^HTTP\/1\.1 \d{3}/);
  expect(outcome.received).toMatch(/Keep-Alive: timeout=2\b/i);
  expect(outcome.idleAfterAnswerMs).toBeLessThan(
    Number(TIMEOUTS.HTTP_KEEP_ALIVE_TIMEOUT_MS) + SLACK_MS,
  );
});
