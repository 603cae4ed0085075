/**
 * The HTTP front door. `/v1/*` is Stripe's API: bearer auth with any test key, form or query
 * parameters, `Idempotency-Key` replay, Stripe's error JSON. `/_sandbox/*` is test control;
 * everything else is a page for browsers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { catalogRoutes } from "./api/catalog-api";
import { checkoutRoutes } from "./api/checkout-api";
import { runDueWork } from "./billing/clock";
import type { SandboxContext } from "./context";
import { handleControl } from "./api/control";
import { faultAnswers } from "./api/faults";
import {
  invalidRequest,
  SandboxApiError,
  unrecognizedUrl,
  type StripeErrorBody,
} from "./api/errors";
import { decodeForm, Params } from "./api/form";
import { linkRoutes } from "./api/links-api";
import { API_VERSION, newId } from "./objects/objects";
import { handlePage } from "./pages/page-routes";
import { paymentRoutes } from "./api/payments-api";
import { jsonResponse, type SandboxRequest, type SandboxResponse } from "./pages/responses";
import { matchRoute, type Route } from "./api/router";
import type { StoredResponse } from "./store";
import { subscriptionRoutes } from "./api/subscriptions-api";
import { invoicePreviewRoutes } from "./api/plan-switch-api";
import { scheduleRoutes } from "./api/schedules-api";
import { couponRoutes } from "./api/coupons-api";

const routes: Route[] = [
  ...catalogRoutes,
  ...checkoutRoutes,
  ...linkRoutes,
  ...paymentRoutes,
  ...invoicePreviewRoutes,
  ...scheduleRoutes,
  ...subscriptionRoutes,
  ...couponRoutes,
];
const MAX_BODY_BYTES = 1_000_000;

/** Any test-mode secret or restricted key, as a Bearer token or as Basic auth's user name. */
function apiKeyOf(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, credentials = ""] = authorization.split(" ");
  if (scheme.toLowerCase() === "bearer") return credentials.trim();
  if (scheme.toLowerCase() === "basic") {
    return Buffer.from(credentials, "base64").toString("utf8").split(":")[0];
  }
  return null;
}

function authenticate(request: SandboxRequest): void {
  const key = apiKeyOf(request.headers.authorization);
  if (!key) {
    throw invalidRequest(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      { status: 401 },
    );
  }
  if (!/^(sk|rk)_test_/.test(key)) {
    const shown = `${key.slice(0, 8)}${"*".repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;
    throw invalidRequest(`Invalid API Key provided: ${shown}`, { status: 401 });
  }
}

function errorResponse(status: number, body: StripeErrorBody): SandboxResponse {
  return jsonResponse(status, { error: body });
}

function runHandler(
  context: SandboxContext,
  request: SandboxRequest,
  eventRequest: { id: string; idempotency_key: string | null },
) {
  const path = request.url.pathname;
  const match = matchRoute(routes, request.method, path);
  if (!match.route) throw unrecognizedUrl(request.method, path);
  const params = new Params(decodeForm(parametersOf(request)));
  context.currentRequest = eventRequest;
  try {
    return match.route.handler({
      context,
      pathParams: match.pathParams,
      params,
      expand: params.strings("expand") ?? [],
    });
  } finally {
    context.currentRequest = { id: null, idempotency_key: null };
  }
}

/** POST sends form parameters in the body; GET and DELETE in the query string. */
function parametersOf(request: SandboxRequest): string {
  return request.method === "POST" ? request.body : request.url.search.slice(1);
}

function headerValue(request: SandboxRequest, name: string): string | null {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** A stored answer for a repeated key: the same request replays it, another one is refused. */
function replay(stored: StoredResponse, request: SandboxRequest, key: string): SandboxResponse {
  const same =
    stored.method === request.method &&
    stored.path === request.url.pathname &&
    stored.body === parametersOf(request);
  if (!same) {
    throw new SandboxApiError(400, {
      type: "idempotency_error",
      message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    });
  }
  return {
    status: stored.status,
    headers: { "Content-Type": "application/json", "Idempotent-Replayed": "true" },
    body: stored.response,
  };
}

/** Runs one API request. Only successful answers are kept for idempotent replay. */
function answer(
  context: SandboxContext,
  request: SandboxRequest,
  requestId: string,
  key: string | null,
) {
  authenticate(request);
  const stored = key ? context.store.state.idempotency[key] : undefined;
  if (key && stored) return replay(stored, request, key);
  runDueWork(context);
  const response = jsonResponse(
    200,
    runHandler(context, request, { id: requestId, idempotency_key: key }),
  );
  if (key) {
    context.store.state.idempotency[key] = {
      method: request.method,
      path: request.url.pathname,
      body: parametersOf(request),
      status: response.status,
      response: response.body,
    };
  }
  context.store.save();
  return response;
}

export function handleApi(context: SandboxContext, request: SandboxRequest): SandboxResponse {
  const requestId = newId("req_", 14);
  const key = request.method === "GET" ? null : headerValue(request, "idempotency-key");
  let response: SandboxResponse;
  try {
    response = answer(context, request, requestId, key);
  } catch (error) {
    if (!(error instanceof SandboxApiError)) throw error;
    response = errorResponse(error.status, error.body);
  }
  response.headers["Request-Id"] = requestId;
  response.headers["Stripe-Version"] = API_VERSION;
  if (key) response.headers["Idempotency-Key"] = key;
  return response;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error("Request body too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, result: SandboxResponse) {
  response.writeHead(result.status, result.headers);
  response.end(result.body);
}

export function createSandboxServer(context: SandboxContext): Server {
  return createServer(async (incoming, outgoing) => {
    try {
      const request: SandboxRequest = {
        method: (incoming.method ?? "GET").toUpperCase(),
        url: new URL(incoming.url ?? "/", "http://sandbox.invalid"),
        headers: incoming.headers,
        body: await readBody(incoming),
      };
      const path = request.url.pathname;
      if (path.startsWith("/v1/")) {
        const { latencyMs, failure } = context.faults;
        if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
        if (failure === "down") return void incoming.socket.destroy();
        if (failure === "500" || failure === "429") {
          const fault = faultAnswers[failure];
          return send(outgoing, jsonResponse(fault.status, fault.body));
        }
        send(outgoing, handleApi(context, request));
      } else if (path.startsWith("/_sandbox/")) send(outgoing, handleControl(context, request));
      else send(outgoing, handlePage(context, request));
    } catch (error) {
      // A bug in the sandbox: say so in Stripe's shape and keep serving.
      console.error("[stripe-sandbox]", error);
      send(
        outgoing,
        errorResponse(500, {
          type: "api_error",
          message: "An unknown error occurred in the Stripe sandbox.",
        }),
      );
    }
  });
}
