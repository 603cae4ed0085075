import { afterAll, expect, it } from "vitest";
import { logger, maskCardNumbers, setLogDestination } from "@/lib/logger";

afterAll(() => setLogDestination());

it("keeps credentials, card data and payloads out of a log line, whoever logs them", () => {
  let output = "";
  setLogDestination({ write: (line: string) => void (output += line) });
  const secrets = [
    "Bearer sk_live_abc123",
    "session-cookie-value",
    "whsec_offering_secret_value",
    "t=1700000000,v1=deadbeef",
    "msg_2Lh9,v1,signature-value",
    "hunter2-password",
    "rk_live_restricted",
    "the-raw-body-text",
  ];

  logger.info(
    {
      headers: {
        authorization: secrets[0],
        cookie: secrets[1],
        "x-offering-secret": secrets[2],
        "stripe-signature": secrets[3],
        "webhook-signature": secrets[4],
      },
      user: { password: secrets[5], apiKey: secrets[6] },
      payload: { anything: "at all" },
      rawBody: secrets[7],
      note: "paid with 4242 4242 4242 4242",
      event_id: "evt_kept",
    },
    "request",
  );
  logger.error({ err: new Error("card 4000000000009995 declined") }, "failed");

  for (const secret of [...secrets, "4242 4242 4242 4242", "4000000000009995", "at all"]) {
    expect(output).not.toContain(secret);
  }
  expect(output).toContain("evt_kept");
  expect(output).toContain("[card ****4242]");
  expect(output).toContain("[card ****9995]");
});

it("masks only digit runs that pass the card checksum", () => {
  expect(maskCardNumbers("at 1764114541000 order 1234567890123")).toBe(
    "at 1764114541000 order 1234567890123",
  );
  expect(maskCardNumbers("4242-4242-4242-4242")).toBe("[card ****4242]");
});
