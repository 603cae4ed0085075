/**
 * One error type with codes, mapped to HTTP in one place. Every error response has the shape
 * `{ error, message, details }`; unknown errors become a generic 500 and a log line.
 */
import { ZodError } from "zod";

const statusByCode = {
  bad_request: 400,
  invalid_json: 400,
  invalid_signature: 400,
  unauthorized: 401,
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

const connectionErrorCodes = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "P1001"]);

/** True when the database could not be reached: the caller should retry later. */
function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, name, message } = current as { code?: string; name?: string; message?: string };
    if (code && connectionErrorCodes.has(code)) return true;
    if (name === "PrismaClientInitializationError") return true;
    if (
      message &&
      /Can't reach database|connect ECONNREFUSED|Connection terminated/i.test(message)
    ) {
      return true;
    }
  }
  return false;
}

/** Normalises anything thrown into an AppError. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError("validation_failed", "The request is not valid.", zodDetails(error));
  }
  if (isDatabaseUnavailable(error)) {
    console.error("[db] database unavailable:", (error as Error).message);
    return new AppError("database_unavailable", "The database is unavailable; try again shortly.");
  }
  console.error("[error] unexpected:", error);
  return new AppError("internal_error", "Something went wrong.");
}

export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  return Response.json(
    { error: appError.code, message: appError.message, details: appError.details },
    { status: appError.status },
  );
}
