/**
 * Stripe-shaped API errors. Handlers throw `SandboxApiError`; the server renders it as Stripe
 * does (`{ "error": { type, code, message, param, doc_url } }`), so the SDK raises the same
 * error classes it raises against api.stripe.com.
 */

export type StripeErrorType =
  "invalid_request_error" | "card_error" | "api_error" | "idempotency_error";

export interface StripeErrorBody {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
}

export class SandboxApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
  ) {
    super(body.message);
  }
}

interface InvalidRequestOptions {
  code?: string;
  param?: string;
  status?: number;
}

export function invalidRequest(message: string, options: InvalidRequestOptions = {}) {
  const body: StripeErrorBody = { type: "invalid_request_error", message };
  if (options.code) {
    body.code = options.code;
    body.doc_url = `https://stripe.com/docs/error-codes/${options.code.replaceAll("_", "-")}`;
  }
  if (options.param) body.param = options.param;
  return new SandboxApiError(options.status ?? 400, body);
}

/** `objectName` is Stripe's name in the message: "customer", "checkout.session", … */
export function resourceMissing(objectName: string, id: string, param = "id") {
  return invalidRequest(`No such ${objectName}: '${id}'`, {
    code: "resource_missing",
    param,
    status: 404,
  });
}

export function parameterMissing(param: string) {
  return invalidRequest(`Missing required param: ${param}.`, { code: "parameter_missing", param });
}

export function invalidInteger(param: string, value: string) {
  return invalidRequest(`Invalid integer: ${value}`, { code: "parameter_invalid_integer", param });
}

export function invalidValue(param: string, message: string) {
  return invalidRequest(message, { param });
}

export function parametersExclusive(params: string[]) {
  return invalidRequest(`You may only specify one of these parameters: ${params.join(", ")}.`, {
    code: "parameters_exclusive",
  });
}

export function unrecognizedUrl(method: string, path: string) {
  return invalidRequest(
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    { status: 404 },
  );
}
