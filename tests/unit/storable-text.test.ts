import { describe, expect, it } from "vitest";
import { toAppError } from "@/lib/errors";
import { assertJsonDepth, MAX_JSON_DEPTH, parseJson, storableJsonText } from "@/lib/http/read-body";
import {
  isRecordId,
  isStorableText,
  storableString,
  toStorableJson,
  unstorableTextPath,
} from "@/lib/http/storable-text";

const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe("the JSON nesting limit", () => {
  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more with 400`, () => {
    expect(() => assertJsonDepth(nested(MAX_JSON_DEPTH))).not.toThrow();
    const error = toAppError(
      (() => {
        try {
          parseJson(nested(MAX_JSON_DEPTH + 1));
        } catch (thrown) {
          return thrown;
        }
      })(),
    );
    expect([error.code, error.status, error.details]).toEqual([
      "invalid_json",
      400,
      { maxDepth: MAX_JSON_DEPTH },
    ]);
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    const text = JSON.stringify({ note: `${"[".repeat(500)}\\"{{{`, list: [[1]] });
    expect(() => assertJsonDepth(text)).not.toThrow();
    expect(parseJson(text)).toMatchObject({ list: [[1]] });
  });

  it("checks 100,000 levels without a stack overflow", () => {
    expect(() => assertJsonDepth(nested(100_000))).toThrow(/deeper than 64 levels/);
  });
});

describe("storable text", () => {
  it("tells NUL and unpaired surrogates from ordinary text, emoji included", () => {
    expect(["plain", "Zoë 😀", ""].map(isStorableText)).toEqual([true, true, true]);
    expect(["a\u0000b", "\ud800", "x\udc00", "\ude00😀"].map(isStorableText)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it("replaces them with U+FFFD in every string and key of a provider's JSON", () => {
    const value = { "k\u0000": ["a\u0000", { b: "\ud800" }], n: 1, ok: "😀", none: null };
    expect(toStorableJson(value)).toEqual({
      "k\uFFFD": ["a\uFFFD", { b: "\uFFFD" }],
      n: 1,
      ok: "😀",
      none: null,
    });
    expect(unstorableTextPath(value)).toBe("k\uFFFD");
    expect(unstorableTextPath({ list: ["ok", "\ud800"] })).toBe("list.1");
  });

  it("stores a provider's body as sent unless it holds such an escape", () => {
    const plain = '{"name":"Zo\\u00eb","emoji":"😀"}';
    expect(storableJsonText(plain)).toBe(plain);
    const paired = '{"emoji":"\\ud83d\\ude00"}';
    expect(JSON.parse(storableJsonText(paired))).toEqual({ emoji: "😀" });
    expect(JSON.parse(storableJsonText('{"name":"a\\u0000b","x":"\\uD800"}'))).toEqual({
      name: "a\uFFFDb",
      x: "\uFFFD",
    });
  });

  it("refuses them in what people send (422) and in ids", () => {
    expect(storableString().safeParse("a\u0000").success).toBe(false);
    expect(storableString().safeParse("fine").success).toBe(true);
    expect(["cmx123", "\u0000", "\ud800", "", "x".repeat(101)].map(isRecordId)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});
