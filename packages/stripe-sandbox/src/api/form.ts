/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with qs-style brackets
 * (`line_items[0][price_data][unit_amount]=4900`, `metadata[order]=o_1`, `expand[]=x`), the
 * same in query strings. `decodeForm` builds the nested object; `Params` reads it with Stripe's
 * validation errors, naming each parameter by its full bracketed path.
 */
import { invalidInteger, invalidRequest, invalidValue, parameterMissing } from "./errors";

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

/** Splits `a[b][0][]` into `["a", "b", "0", ""]`; an empty segment means "append". */
function keyPath(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) segments.push(match[1]);
  return segments;
}

function isObject(value: FormValue | undefined): value is FormObject {
  return typeof value === "object" && !Array.isArray(value);
}

function assign(container: FormObject | FormValue[], segments: string[], value: string) {
  const [head, ...rest] = segments;
  if (Array.isArray(container)) {
    // `x[]` only ever appends a value or a new object; deeper `x[][y]` is not something the SDK sends.
    container.push(rest.length === 0 ? value : buildNested(rest, value));
    return;
  }
  if (rest.length === 0) {
    container[head] = value;
    return;
  }
  const existing = container[head];
  if (rest[0] === "") {
    const list = Array.isArray(existing) ? existing : [];
    container[head] = list;
    assign(list, rest, value);
    return;
  }
  const child = isObject(existing) ? existing : {};
  container[head] = child;
  assign(child, rest, value);
}

function buildNested(segments: string[], value: string): FormObject {
  const root: FormObject = {};
  assign(root, segments, value);
  return root;
}

export function decodeForm(body: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(body)) {
    if (key) assign(root, keyPath(key), value);
  }
  return root;
}

/** Reads decoded parameters; every error names the parameter the way Stripe does. */
export class Params {
  constructor(
    readonly values: FormObject,
    private readonly prefix = "",
  ) {}

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  has(key: string): boolean {
    return this.values[key] !== undefined;
  }

  string(key: string): string | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string")
      throw invalidValue(this.name(key), `Invalid string: ${this.name(key)}`);
    return value;
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined || value === "") throw parameterMissing(this.name(key));
    return value;
  }

  integer(key: string): number | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!/^-?\d{1,15}$/.test(value)) throw invalidInteger(this.name(key), value);
    return Number(value);
  }

  requiredInteger(key: string): number {
    const value = this.integer(key);
    if (value === undefined) throw parameterMissing(this.name(key));
    return value;
  }

  nonNegativeInteger(key: string): number | undefined {
    const value = this.integer(key);
    if (value !== undefined && value < 0) {
      throw invalidValue(this.name(key), `This value must be greater than or equal to 0.`);
    }
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (value !== "true" && value !== "false") {
      throw invalidValue(this.name(key), `Invalid boolean: ${value}`);
    }
    return value === "true";
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw invalidValue(
        this.name(key),
        `Invalid ${this.name(key)}: must be one of ${allowed.join(", ")}`,
      );
    }
    return value as T;
  }

  object(key: string): Params | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (!isObject(value)) throw invalidValue(this.name(key), `Invalid object: ${this.name(key)}`);
    return new Params(value, this.name(key));
  }

  /** Arrays arrive as `x[0][…]` (an object with index keys) or `x[]=…`; both read the same. */
  list(key: string): Params[] | undefined {
    const items = this.rawList(key);
    return items?.map((item, index) => {
      const name = `${this.name(key)}[${index}]`;
      if (!isObject(item)) throw invalidValue(name, `Invalid object: ${name}`);
      return new Params(item, name);
    });
  }

  strings(key: string): string[] | undefined {
    const items = this.rawList(key);
    return items?.map((item) => {
      if (typeof item !== "string")
        throw invalidValue(this.name(key), `Invalid array: ${this.name(key)}`);
      return item;
    });
  }

  /** Stripe metadata: string values; an empty value means "remove this key" on update. */
  metadata(key = "metadata"): Record<string, string> | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (value === "") return {};
    if (!isObject(value)) throw invalidValue(this.name(key), `Invalid hash: ${this.name(key)}`);
    const entries = Object.entries(value);
    if (entries.length > 50) {
      throw invalidRequest("You can specify up to 50 keys in metadata.", { param: this.name(key) });
    }
    const metadata: Record<string, string> = {};
    for (const [name, item] of entries) {
      if (typeof item !== "string") {
        throw invalidValue(
          `${this.name(key)}[${name}]`,
          `Invalid string: ${this.name(key)}[${name}]`,
        );
      }
      metadata[name] = item;
    }
    return metadata;
  }

  private rawList(key: string): FormValue[] | undefined {
    const value = this.values[key];
    if (value === undefined) return undefined;
    if (Array.isArray(value)) return value;
    if (value === "") return [];
    if (!isObject(value)) throw invalidValue(this.name(key), `Invalid array: ${this.name(key)}`);
    const indexes = Object.keys(value);
    if (!indexes.every((index) => /^\d+$/.test(index))) {
      throw invalidValue(this.name(key), `Invalid array: ${this.name(key)}`);
    }
    return indexes.sort((a, b) => Number(a) - Number(b)).map((index) => value[index]);
  }
}
