import { describe, expect, it } from "vitest";
import { AppError, toAppError } from "@/lib/errors";
import { readBodyWithLimit } from "@/lib/http/read-body";

/** A POST whose body stream delivers `chunks`, then fails as a reset socket does, if told to. */
function request(chunks: string[], reset = false) {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      if (reset) controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
      else controller.close();
    },
  });
  return new Request("http://localhost/api/webhooks/stripe", {
    method: "POST",
    body,
    duplex: "half",
  } as RequestInit);
}

describe("reading a request body", () => {
  it("returns the whole body", async () => {
    expect(await readBodyWithLimit(request(['{"a":', "1}"]), 100)).toBe('{"a":1}');
  });

  it("refuses a body over the limit with 413", async () => {
    const error = await readBodyWithLimit(request(["x".repeat(60), "x".repeat(60)]), 100).then(
      () => null,
      toAppError,
    );
    expect([error?.code, error?.status]).toEqual(["payload_too_large", 413]);
  });

  it("answers a client that hung up mid-body with 400, not as a database outage", async () => {
    const error = await readBodyWithLimit(request(['{"a":'], true), 100).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AppError);
    expect([toAppError(error).code, toAppError(error).status]).toEqual(["bad_request", 400]);
  });
});
