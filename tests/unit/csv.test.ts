/**
 * CSV fields as a spreadsheet reads them: every text field quoted (RFC 4180), so a `;` (the
 * separator of many locales) or a comma never starts a new cell, and text that would run as a
 * formula is defused.
 */
import { describe, expect, it } from "vitest";
import { csvField, csvHeaderLine, csvLine } from "@/lib/csv";

describe("csvField", () => {
  it("quotes a field holding a semicolon, so `x;=1+1` stays one text cell", () => {
    expect(csvField("x;=1+1")).toBe('"x;=1+1"');
  });

  it("quotes every text field, doubling inner quotes", () => {
    expect(csvField("plain")).toBe('"plain"');
    expect(csvField("")).toBe('""');
    expect(csvField('Course, "Pro"\r\nedition')).toBe('"Course, ""Pro""\r\nedition"');
  });

  it.each(["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])(
    "defuses the formula start of %j and quotes it",
    (value) => {
      expect(csvField(value)).toBe(`"'${value}"`);
    },
  );

  it("keeps numbers bare and empty values empty", () => {
    expect(csvField(4900)).toBe("4900");
    expect(csvField(-5)).toBe("-5");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });

  it("joins a record with commas and ends it in CRLF", () => {
    expect(csvLine(["a;b", 1, null, 'say "hi"'])).toBe('"a;b",1,,"say ""hi"""\r\n');
  });

  it("writes the header's column names bare, and refuses anything else there", () => {
    expect(csvHeaderLine(["order_id", "amount_minor"])).toBe("order_id,amount_minor\r\n");
    expect(() => csvHeaderLine(["x;=1+1"])).toThrow();
  });
});
