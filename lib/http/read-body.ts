import { AppError } from "@/lib/errors";

/** Reads a request body as text, refusing (413) anything over `limitBytes` without buffering it all. */
export async function readBodyWithLimit(request: Request, limitBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new AppError("payload_too_large", `The body is larger than ${limitBytes} bytes.`, { limitBytes });
  if (declared > limitBytes) throw tooLarge();
  if (!request.body) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      // The client hung up mid-body (ECONNRESET, "aborted"): its fault, not the database's.
      throw new AppError("bad_request", "The request body was cut off before it ended.", { cause: String(error) });
    });
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses JSON, answering 400 with a clear message when it is not. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
}
