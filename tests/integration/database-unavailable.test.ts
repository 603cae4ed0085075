import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { postOfferingWebhook } from "../helpers/offering-webhook";

let deadServer: Server;

// A port where something accepts connections and drops them at once: a database that went away.
beforeAll(async () => {
  deadServer = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => deadServer.listen(0, "127.0.0.1", resolve));
  const { port } = deadServer.address() as { port: number };
  process.env.DATABASE_URL = `postgresql://nobody@127.0.0.1:${port}/gone`;
});

afterAll(() => new Promise<void>((resolve) => deadServer.close(() => resolve())));

it("answers 503 (so the provider retries) when the database is unreachable, without leaking details", async () => {
  const response = await postOfferingWebhook(
    "any-offering",
    { status: "succeeded", purchase_id: "p" },
    { secret: "whsec_anything" },
  );
  expect(response.status).toBe(503);
  expect(response.body).toEqual({
    error: "database_unavailable",
    message: "The database is unavailable; try again shortly.",
    details: {},
  });
});
