/**
 * One error type with codes, mapped to HTTP in one place. Every error response has the shape
 * `{ error, message, details }`, and every error answered gets a log line with its code; unknown
 * errors become a generic 500.
 */
import Stripe from "stripe";
import { ZodError } from "zod";
import { logger } from "@/lib/logger";
import { firstFailureOfOutage } from "@/lib/outage-log";

const statusByCode = {
  bad_request: 400,
  invalid_json: 400,
  invalid_signature: 400,
  unauthorized: 401,
  payment_declined: 402,
  forbidden: 403,
  email_unverified: 403,
  not_found: 404,
  conflict: 409,
  already_refunded: 409,
  payload_too_large: 413,
  validation_failed: 422,
  amount_mismatch: 422,
  rate_limited: 429,
  not_configured: 503,
  provider_unavailable: 503,
  database_unavailable: 503,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof statusByCode;
export type ErrorDetails = Record<string, unknown>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return statusByCode[this.code];
  }
}

export function zodDetails(error: ZodError): ErrorDetails {
  return {
    issues: error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  };
}

// Sockets, PostgreSQL's admin shutdown, and Prisma's "can't reach" (P1001), "timed out" (P1002)
// and "server has closed the connection" (P1017, a connection lost in the middle of a query).
const connectionErrorCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "P1001",
  "P1002",
  "P1017",
]);
// The pg driver adapter's kinds for the same. A raw query ($queryRaw) that loses its connection
// fails as P2010 "raw query failed" and names the kind only here, in meta.driverAdapterError.
const connectionErrorKinds = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);

type ErrorFields = {
  code?: string;
  kind?: string;
  name?: string;
  message?: string;
  meta?: { driverAdapterError?: unknown };
};

/** True when the database could not be reached or the connection broke: retry later. */
function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, kind, name, message, meta } = current as ErrorFields;
    if (code && connectionErrorCodes.has(code)) return true;
    if (kind && connectionErrorKinds.has(kind)) return true;
    if (meta?.driverAdapterError && isDatabaseUnavailable(meta.driverAdapterError)) return true;
    if (name === "PrismaClientInitializationError") return true;
    // pg's own words, for errors that reach us unwrapped ("not queryable": a transaction's
    // connection that broke between two of its queries).
    if (
      message &&
      /Can't reach database|connect ECONNREFUSED|Connection terminated|not queryable/i.test(message)
    ) {
      return true;
    }
  }
  return false;
}

/** Normalises anything thrown into an AppError. Logs nothing: see reportError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError("validation_failed", "The request is not valid.", zodDetails(error));
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError("database_unavailable", "The database is unavailable; try again shortly.");
  }
  if (isProviderUnavailable(error)) {
    return new AppError(
      "provider_unavailable",
      "Our payment provider is not answering right now. Nothing was charged; please try again in a moment.",
      { retryAfterSeconds: PROVIDER_RETRY_AFTER_SECONDS },
    );
  }
  return new AppError("internal_error", "Something went wrong.");
}

const PROVIDER_RETRY_AFTER_SECONDS = 30;

/**
 * Stripe could not be reached, failed on its side (5xx) or throttled us (429): the request may
 * be tried again as it is. Its own refusals of what we sent (4xx) are bugs or conflicts instead.
 */
function isProviderUnavailable(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError ||
    (error instanceof Stripe.errors.StripeError && (error.statusCode ?? 0) >= 500)
  );
}

// Refusals that are part of ordinary traffic, logged at info rather than warn.
const routineCodes = new Set<ErrorCode>(["not_found", "validation_failed", "invalid_json"]);

/** The level an error is logged at: 5xx error (with the stack), routine 4xx info, other 4xx warn. */
export function errorLogLevel(appError: AppError): "error" | "warn" | "info" {
  if (appError.status >= 500) return "error";
  return routineCodes.has(appError.code) ? "info" : "warn";
}

/**
 * Whether a 5xx is logged with its stack: yes, except the repeats of one database outage, which
 * are counted and summed up when it ends (lib/outage-log.ts). Call once per error.
 */
export function logsStack(appError: AppError): boolean {
  return appError.code !== "database_unavailable" || firstFailureOfOutage();
}

/**
 * Normalises and logs: one line with the code and status; a 5xx carries the original error with
 * its stack, a 4xx only the message (no stack, no details: those may hold what the client sent).
 * The repeats of a database outage's 503 go to debug, without the stack.
 */
export function reportError(error: unknown, fields: Record<string, unknown> = {}): AppError {
  const appError = toAppError(error);
  const level = errorLogLevel(appError);
  const line = { ...fields, error_code: appError.code, status: appError.status };
  if (level !== "error") logger[level](line, appError.message);
  else if (logsStack(appError)) logger.error({ ...line, err: error }, appError.message);
  else logger.debug(line, appError.message);
  return appError;
}

/** The JSON answer for an error that has been logged already; `Retry-After` when it says when. */
export function appErrorResponse(appError: AppError, headers?: HeadersInit): Response {
  const retryAfter = appError.details.retryAfterSeconds;
  const merged = new Headers(headers);
  if (typeof retryAfter === "number") merged.set("retry-after", String(Math.ceil(retryAfter)));
  return Response.json(
    { error: appError.code, message: appError.message, details: appError.details },
    { status: appError.status, headers: merged },
  );
}

export function errorResponse(error: unknown): Response {
  return appErrorResponse(reportError(error));
}
