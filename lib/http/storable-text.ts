/**
 * Text PostgreSQL can store. It refuses a NUL character in text (22021) and, in jsonb, the
 * escapes of NUL and of a UTF-16 surrogate without its pair (22P05), which JSON.stringify
 * writes for a lone surrogate. What people send us (forms, ids, filters, JSON bodies) holding
 * either is refused with `storableString` (422, or 404 for an id in a path); what a provider
 * sends is kept, with each such character replaced by U+FFFD (`toStorableJson`).
 */
import { z } from "zod";

const REPLACEMENT = "\uFFFD";

export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}

export function toStorableText(text: string): string {
  return text.toWellFormed().replaceAll("\u0000", REPLACEMENT);
}

/** A copy of a parsed JSON value with every string and key made storable. */
export function toStorableJson<T>(value: T): T {
  if (typeof value === "string") return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => toStorableJson(item)) as T;
  if (value && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      copy[toStorableText(key)] = toStorableJson(item);
    return copy as T;
  }
  return value;
}

/** The path (`a.b.0`) of the first string or key in a JSON value that is not storable, or null. */
export function unstorableTextPath(value: unknown, path: string[] = []): string | null {
  if (typeof value === "string") return isStorableText(value) ? null : path.join(".");
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return [...path, toStorableText(key)].join(".");
      const found = unstorableTextPath(item, [...path, key]);
      if (found !== null) return found;
    }
  }
  return null;
}

export const UNSTORABLE_TEXT_MESSAGE =
  "Must not contain NUL characters or unpaired UTF-16 surrogates";

/** z.string() for everything people send: NUL and unpaired surrogates are refused (422). */
export function storableString(params?: { message: string }) {
  return z.string(params).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
}

/** The id of a row, as forms, bodies and paths carry it. */
export const recordId = storableString().trim().min(1).max(100);

/** True when `value` could be a row's id; a path whose id is not is answered "not found". */
export function isRecordId(value: string): boolean {
  return recordId.safeParse(value).success;
}
