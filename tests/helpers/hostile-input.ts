/**
 * Hostile input for route handlers: bodies no database can store (NUL, unpaired surrogates),
 * nesting deep enough to overflow a recursive walk, numbers past every integer type, wrong
 * content types and oversized bodies; plus the check every answer to them must pass.
 */
import { expect } from "vitest";

export const NUL = "\u0000";
export const LONE_SURROGATE = "\ud800";
export const DEPTH = 10_000;
export const ONE_MEGABYTE = 1024 * 1024;

/** Ids for a route's `[id]`: each must be answered 404, never looked up in the database. */
export const HOSTILE_IDS = [NUL, `abc${NUL}def`, LONE_SURROGATE, `x${"\udc00"}`];

/** Every string value in a JSON value (and every key, with `keys`) passed through `change`. */
export function mapStrings(
  value: unknown,
  change: (text: string) => string,
  keys = false,
): unknown {
  if (typeof value === "string") return change(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, change, keys));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        keys ? change(key) : key,
        mapStrings(item, change, keys),
      ]),
    );
  }
  return value;
}

/** One copy of `value` per string in it, with only that string passed through `change`. */
export function eachStringChanged(
  value: unknown,
  change: (text: string) => string,
): { path: string; value: unknown }[] {
  const copies: { path: string; value: unknown }[] = [];
  const visit = (current: unknown, path: string[], rebuild: (replacement: unknown) => unknown) => {
    if (typeof current === "string") {
      copies.push({ path: path.join("."), value: rebuild(change(current)) });
    } else if (current && typeof current === "object") {
      for (const [key, item] of Object.entries(current)) {
        visit(item, [...path, key], (replacement) =>
          rebuild(
            Array.isArray(current)
              ? current.map((entry, index) => (String(index) === key ? replacement : entry))
              : { ...current, [key]: replacement },
          ),
        );
      }
    }
  };
  visit(value, [], (replacement) => replacement);
  return copies;
}

/** `{"a": [[[…]]]}`, `depth` levels down: JSON text no recursive walk survives. */
export function deeplyNested(depth = DEPTH): string {
  return `{"a":${"[".repeat(depth)}${"]".repeat(depth)}}`;
}

/** The body with every number replaced by `literal` (JSON text: 1e400 has no JS value). */
export function withNumbers(body: unknown, literal: string): string {
  const marker = "__hostile_number__";
  const marked = JSON.stringify(
    { ...(body as object), amount: 0, priceAmount: 0 },
    (_key, value: unknown) => (typeof value === "number" ? marker : value),
  );
  return marked.replaceAll(`"${marker}"`, literal);
}

export type HostileBody = {
  name: string;
  contentType: string;
  body: string;
  /** The status a route that reads a JSON body answers it; undefined: any 4xx. */
  status?: number;
};

/**
 * The hostile bodies for a route whose valid body is `valid`. A route that reads its body must
 * refuse some with a given status; one that reads none answers as it would without a body.
 */
export function hostileBodies(
  valid: Record<string, unknown>,
  { readsBody, refusesUnstorable }: { readsBody: boolean; refusesUnstorable: boolean },
): HostileBody[] {
  const json = "application/json";
  const when = (status: number) => (readsBody ? status : undefined);
  // People's bodies holding NUL are refused (422); a provider's are applied (2xx) or refused
  // for what they mean (an unknown purchase: 404).
  const unstorable = refusesUnstorable ? 422 : undefined;
  const text = (change: (text: string) => string, keys = false) =>
    JSON.stringify(mapStrings(valid, change, keys));
  return [
    {
      name: "NUL in every string",
      contentType: json,
      body: text((value) => `${value}${NUL}`),
      status: unstorable,
    },
    { name: "NUL alone", contentType: json, body: text(() => NUL), status: unstorable },
    {
      name: "NUL in keys and strings",
      contentType: json,
      body: text((value) => `${NUL}${value}`, true),
      status: unstorable,
    },
    {
      name: "lone surrogates",
      contentType: json,
      body: text((value) => `${LONE_SURROGATE}${value}`),
      status: unstorable,
    },
    ...eachStringChanged(valid, (value) => `${value}${NUL}`).map(({ path, value }) => ({
      name: `NUL in ${path} only`,
      contentType: json,
      body: JSON.stringify(value),
      status: unstorable,
    })),
    { name: `${DEPTH} levels deep`, contentType: json, body: deeplyNested() },
    { name: "100 levels deep", contentType: json, body: deeplyNested(100), status: when(400) },
    { name: "1e400", contentType: json, body: withNumbers(valid, "1e400") },
    { name: "2**64", contentType: json, body: withNumbers(valid, "18446744073709551616") },
    { name: "text/plain", contentType: "text/plain", body: JSON.stringify(valid) },
    {
      name: "a form",
      contentType: "application/x-www-form-urlencoded",
      body: "offeringId=x&name=y",
    },
    { name: "no content type", contentType: "", body: JSON.stringify(valid) },
    { name: "not JSON", contentType: json, body: "{not json", status: when(400) },
    {
      name: "1 MB",
      contentType: json,
      body: JSON.stringify({ ...valid, padding: "x".repeat(ONE_MEGABYTE) }),
      status: when(413),
    },
  ];
}

/** Query strings for a GET: every given filter set to something no database can store. */
export function hostileQueries(filters: string[]): string[] {
  const values = [
    NUL,
    `a${NUL}b`,
    LONE_SURROGATE,
    "1e400",
    "18446744073709551616",
    "x".repeat(10_000),
  ];
  return values.map((value) => {
    const query = new URLSearchParams();
    for (const filter of [...filters, "page", "pageSize"]) query.set(filter, value);
    return query.toString();
  });
}

/**
 * What every answer to hostile input must be: never a 5xx, and a refusal is the JSON error shape.
 * `expected`: the exact status, when the case decides it. Soft: one failing input does not hide
 * the next.
 */
export async function expectHandled(response: Response, label: string, expected?: number) {
  const text = await response.text();
  const context = `${label}: ${text.slice(0, 300)}`;
  expect.soft(response.status, context).toBeLessThan(500);
  if (expected !== undefined) expect.soft(response.status, context).toBe(expected);
  if (response.status >= 400) {
    const body = JSON.parse(text) as Record<string, unknown>;
    expect
      .soft(body, label)
      .toMatchObject({ error: expect.any(String), message: expect.any(String) });
  }
  return text;
}
