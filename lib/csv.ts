/**
 * CSV for spreadsheets (RFC 4180): every text field is quoted, with its quotes doubled, so no
 * separator inside it (a comma, or the `;` that many locales split on) ever starts a new cell;
 * lines end in CRLF. Text that a spreadsheet would run as a formula (starting with =, +, -, @,
 * tab or CR) also gets a leading apostrophe. Numbers stay bare numbers; an empty value is an
 * empty field. The header row is our own column names, written bare.
 */
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const COLUMN_NAME = /^[a-z][a-z0-9_]*$/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvLine(values: CsvValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** The header row: fixed column names (lowercase, digits, underscores), unquoted. */
export function csvHeaderLine(names: string[]): string {
  const bad = names.find((name) => !COLUMN_NAME.test(name));
  if (bad !== undefined) throw new Error(`Not a CSV column name: ${JSON.stringify(bad)}`);
  return `${names.join(",")}\r\n`;
}
