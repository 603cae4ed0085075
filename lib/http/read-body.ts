/**
 * The one way the app reads a request body: a size limit (413), a nesting limit on JSON (400),
 * and, for what people send, a refusal of text the database cannot store (422). Provider
 * webhooks keep their raw text (signatures cover its bytes) and make the parsed value storable.
 */
import { AppError } from "@/lib/errors";
import {
  toStorableJson,
  UNSTORABLE_TEXT_MESSAGE,
  unstorableTextPath,
} from "@/lib/http/storable-text";

/**
 * How deep JSON may nest. Stripe's deepest events (an invoice with expanded lines, prices and
 * products) stay under 15 levels; a recursive walk (JSON.stringify) overflows the stack in the
 * thousands.
 */
export const MAX_JSON_DEPTH = 64;

/** Reads a request body as text, refusing (413) anything over `limitBytes` without buffering it all. */
export async function readBodyWithLimit(request: Request, limitBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new AppError("payload_too_large", `The body is larger than ${limitBytes} bytes.`, {
      limitBytes,
    });
  if (declared > limitBytes) throw tooLarge();
  if (!request.body) return "";

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      // The client hung up mid-body (ECONNRESET, "aborted"): its fault, not the database's.
      throw new AppError("bad_request", "The request body was cut off before it ended.", {
        cause: String(error),
      });
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

/**
 * Refuses (400) text that nests objects and arrays deeper than MAX_JSON_DEPTH, before anything
 * parses it: one pass over the characters, brackets inside strings skipped, no recursion.
 */
export function assertJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      // A backslash escapes the next character; an unescaped quote ends the string.
      if (code === 0x5c) index += 1;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x7b || code === 0x5b) {
      depth += 1;
      if (depth > maxDepth) {
        throw new AppError("invalid_json", `The JSON body nests deeper than ${maxDepth} levels.`, {
          maxDepth,
        });
      }
    } else if (code === 0x7d || code === 0x5d) {
      depth -= 1;
    }
  }
}

/** Parses JSON, answering 400 with a clear message when it is not, or nests too deep. */
export function parseJson(text: string): unknown {
  assertJsonDepth(text);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "The body is not valid JSON.");
  }
}

/** A provider's body as text, its nesting checked: the bytes its signature covers. */
export async function readProviderBody(request: Request, limitBytes: number): Promise<string> {
  const text = await readBodyWithLimit(request, limitBytes);
  assertJsonDepth(text);
  return text;
}

/** A provider's body (already authenticated), parsed, every string made storable (U+FFFD). */
export function parseProviderJson(text: string): unknown {
  return toStorableJson(parseJson(text));
}

// JSON text can only hold NUL or a lone surrogate as an escape: without one it is stored as is.
const UNSTORABLE_ESCAPE = /\\u(0000|d[89a-f])/i;

/** A provider's body as it is stored (jsonb): the text itself, or its storable copy. */
export function storableJsonText(text: string): string {
  return UNSTORABLE_ESCAPE.test(text) ? JSON.stringify(parseProviderJson(text)) : text;
}

/**
 * A JSON body people send (a browser, an API client): size, nesting and syntax checked, and
 * refused (422) if any string or key holds text the database cannot store.
 */
export async function readJsonBody(request: Request, limitBytes: number): Promise<unknown> {
  const body = parseJson(await readBodyWithLimit(request, limitBytes));
  const path = unstorableTextPath(body);
  if (path !== null) {
    throw new AppError("validation_failed", "The request is not valid.", {
      issues: [{ path, message: UNSTORABLE_TEXT_MESSAGE }],
    });
  }
  return body;
}
