import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { setLogDestination } from "@/lib/logger";
import { postOfferingWebhook } from "../../helpers/offering-webhook";

let deadServer: Server;

// A port where something accepts connections and drops them at once: a database that went away.
beforeAll(async () => {
  deadServer = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => deadServer.listen(0, "127.0.0.1", resolve));
  const { port } = deadServer.address() as { port: number };
  process.env.DATABASE_URL = `postgresql://nobody@127.0.0.1:${port}/gone`;
});

afterAll(() => new Promise<void>((resolve) => deadServer.close(() => resolve())));

let logged = "";
beforeAll(() => setLogDestination({ write: (line: string) => void (logged += line) }));
afterAll(() => setLogDestination());

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
  // One line, at error level, with the code and the stack of what failed.
  const lines = logged
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(lines).toEqual([
    expect.objectContaining({
      level: "error",
      msg: "webhook delivery",
      provider: "external",
      outcome: "database_unavailable",
      status: 503,
      err: expect.objectContaining({ stack: expect.any(String) }),
    }),
  ]);
});

it("reports the database down in /api/health with 503", async () => {
  const response = await health(new Request("http://localhost:3000/api/health"), {
    params: Promise.resolve({}),
  });
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({
    status: "unavailable",
    database: "down",
    stripe: "configured",
  });
});
