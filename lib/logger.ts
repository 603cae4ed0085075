/**
 * The one logger: pino, JSON lines on stdout (pretty-printed in development), at LOG_LEVEL.
 * Every object logged passes through the redaction list first (lib/redact-secrets.ts,
 * plus whole payloads and card data, below), so a credential, a card number or a provider's
 * whole payload cannot reach a log line by accident, whoever logs it.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import prettyStream from "pino-pretty";
import { logSettings } from "@/lib/env";
import { isSecretFieldName, REDACTED } from "@/lib/redact-secrets";

/**
 * What no log line carries: the credential fields of the redaction list (lib/redact-secrets.ts), and the
 * fields that hold a whole payload or body or card data (log the ids you need instead). A field
 * whose name matches is replaced, at any depth.
 */
const UNLOGGED_NAMES = new Set([
  "payload",
  "body",
  "rawbody",
  "raw_body",
  "request_body",
  "data",
  "card",
  "number",
  "exp_month",
  "exp_year",
]);

const MAX_DEPTH = 6;

// 13 to 19 digits, optionally grouped by spaces or dashes: what a card number looks like.
const CARD_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Masks anything in a text that looks like a card number (the Luhn check keeps ids and dates). */
export function maskCardNumbers(text: string): string {
  return text.replace(CARD_CANDIDATE, (match) => {
    const digits = match.replace(/[ -]/g, "");
    return passesLuhn(digits) ? `[card ****${digits.slice(-4)}]` : match;
  });
}

function isRedactedName(name: string): boolean {
  return isSecretFieldName(name) || UNLOGGED_NAMES.has(name.toLowerCase());
}

/** A copy of a logged value with the redaction list applied. Errors go to serializeError. */
export function redactLogValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskCardNumbers(value);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Error || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((item) => redactLogValue(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(value)) {
    copy[name] = isRedactedName(name) ? REDACTED : redactLogValue(inner, depth + 1);
  }
  return copy;
}

/** pino's error shape (type, message, stack, cause, own fields), then the redaction list. */
function serializeError(error: unknown): unknown {
  const serialized = error instanceof Error ? pino.stdSerializers.err(error) : error;
  return redactLogValue(serialized);
}

function createLogger(destination?: DestinationStream): Logger {
  const { NODE_ENV, LOG_LEVEL } = logSettings();
  const pretty = destination === undefined && NODE_ENV === "development";
  const options: LoggerOptions = {
    level: LOG_LEVEL,
    timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
    serializers: { err: serializeError },
    formatters: {
      log: (object) => redactLogValue(object) as Record<string, unknown>,
      // Log tooling reads "level":"info" more readily than pino's numbers; pretty output wants those.
      ...(pretty ? {} : { level: (label: string) => ({ level: label }) }),
    },
  };
  if (pretty) {
    // In-process (no worker thread), so it works inside Next's server bundle too.
    const stream = prettyStream({ sync: true, timestampKey: "timestamp", ignore: "pid,hostname" });
    return pino(options, stream);
  }
  return destination ? pino(options, destination) : pino(options);
}

export let logger: Logger = createLogger();

/**
 * Sends log lines to another stream (JSON, never pretty), or back to stdout when called without
 * one. For tests that read what was logged.
 */
export function setLogDestination(destination?: DestinationStream): void {
  logger = createLogger(destination);
}
