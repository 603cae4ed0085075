/**
 * The log of a database outage: the first 503 `database_unavailable` is one error line with its
 * stack; the rest are counted (each webhook delivery keeps its own line, at warn, without a
 * stack), and once the database is reachable again one line says how many there were. The app
 * reaches the test database through a TCP proxy the test cuts.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "@/lib/db";
import { errorResponse } from "@/lib/errors";
import { setLogDestination } from "@/lib/logger";
import { makeOffering } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { deliverStripeEvent } from "../../helpers/stripe-webhook";
import { proxyTestDatabase, type TcpProxy } from "../../helpers/tcp-proxy";
import { logLineSink } from "../../helpers/log-lines";
import { stripeEvent } from "../../../tooling/stripe";

type LogLine = { level: string; msg: string; err?: { stack?: string }; suppressed?: number };

let proxy: TcpProxy;
let lines: LogLine[] = [];

beforeAll(async () => {
  proxy = await proxyTestDatabase();
  setLogDestination(logLineSink((line: (typeof lines)[number]) => lines.push(line)));
});

afterAll(async () => {
  setLogDestination();
  await proxy.close();
});

it("logs one error line with a stack per outage, counts the other 503s, and says how many at recovery", async () => {
  const offering = await makeOffering();
  const payment = { status: "succeeded", purchase_id: "p_1", payment_id: "pay_1", amount: 4900 };
  lines = [];
  await proxy.cut();

  const answers = [];
  for (let index = 0; index < 5; index++) {
    answers.push((await deliverStripeEvent(stripeEvent("customer.created", {}))).status);
    const delivery = await postOfferingWebhook(offering.id, payment, {
      secret: offering.webhookSecret,
    });
    answers.push(delivery.status);
    answers.push(errorResponse(await db.user.count().catch((error: unknown) => error)).status);
  }
  expect(answers).toEqual(Array(15).fill(503));

  const withStack = lines.filter((line) => line.err?.stack);
  expect(withStack.map((line) => [line.level, line.msg])).toEqual([["error", "webhook delivery"]]);
  expect(lines.filter((line) => line.level === "error")).toHaveLength(1);
  // Every delivery still has its line: the first at error, the other nine at warn.
  const deliveries = lines.filter((line) => line.msg === "webhook delivery");
  expect(deliveries.map((line) => line.level)).toEqual(["error", ...Array(9).fill("warn")]);

  await proxy.restore();
  expect(await db.user.count()).toBeGreaterThanOrEqual(0);
  const recovered = lines.filter((line) => line.msg.startsWith("database reachable again"));
  expect(recovered.map((line) => [line.level, line.suppressed])).toEqual([["warn", 14]]);

  // The next outage is logged afresh.
  await proxy.cut();
  expect(errorResponse(await db.user.count().catch((error: unknown) => error)).status).toBe(503);
  expect(lines.filter((line) => line.level === "error")).toHaveLength(2);
  await proxy.restore();
});
