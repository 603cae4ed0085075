/**
 * The shape of an API endpoint: a method, a path with `:params`, and a synchronous handler
 * that returns the JSON object to send. Handlers are synchronous on purpose: the sandbox is
 * single-threaded, so two requests can never interleave inside one and race on state.
 */
import type { SandboxContext } from "../context";
import { invalidRequest } from "./errors";
import type { Params } from "./form";
import type { ListObject } from "../objects/objects";
import type { Store } from "../store";

export interface ApiRequest {
  context: SandboxContext;
  /** Values of the `:params` in the route's path, in order. */
  pathParams: string[];
  /** The form body of a POST, or the query string of a GET or DELETE. */
  params: Params;
  expand: string[];
}

export type ApiHandler = (request: ApiRequest) => object;

export interface Route {
  method: "GET" | "POST" | "DELETE";
  pattern: RegExp;
  handler: ApiHandler;
}

export function route(method: Route["method"], path: string, handler: ApiHandler): Route {
  const pattern = new RegExp(`^${path.replace(/:[a-z_]+/g, "([^/]+)")}$`);
  return { method, pattern, handler };
}

export function matchRoute(routes: Route[], method: string, path: string) {
  let pathKnown = false;
  for (const candidate of routes) {
    const match = candidate.pattern.exec(path);
    if (!match) continue;
    pathKnown = true;
    if (candidate.method === method) {
      return { route: candidate, pathParams: match.slice(1).map(decodeURIComponent) };
    }
  }
  return { route: null, pathKnown };
}

/**
 * Replaces id strings with the objects they name, for each `expand[]` path
 * (`payment_intent`, `payment_intent.latest_charge`, `data.customer` on lists), and adds the
 * fields that are only there when asked for (`payments` on an invoice).
 */
export function expandObject(store: Store, object: object, paths: string[]): object {
  if (paths.length === 0) return object;
  const copy = structuredClone(object) as Record<string, unknown>;
  for (const path of paths) expandPath(store, copy, path.split("."));
  return copy;
}

function expandPath(store: Store, target: Record<string, unknown>, segments: string[]) {
  const [head, ...rest] = segments;
  let value = target[head];
  if (value === undefined) {
    // A field Stripe includes only when asked, such as an invoice's `payments`.
    value = store.includable(target, head);
    if (value === undefined) return;
    target[head] = value;
  }
  if (head === "data" && Array.isArray(value)) {
    for (const item of value) {
      if (item && typeof item === "object")
        expandPath(store, item as Record<string, unknown>, rest);
    }
    return;
  }
  let resolved = value;
  if (typeof value === "string") {
    const found = store.lookup(value);
    if (!found) return;
    resolved = structuredClone(found);
    target[head] = resolved;
  }
  if (rest.length > 0 && resolved && typeof resolved === "object") {
    expandPath(store, resolved as Record<string, unknown>, rest);
  }
}

/** Stripe's cursor pagination over newest-first items: `limit`, `starting_after`, `ending_before`. */
export function paginate<T extends { id: string }>(
  url: string,
  newestFirst: T[],
  params: Params,
): ListObject<T> {
  const limit = params.integer("limit") ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest("This value must be between 1 and 100.", { param: "limit" });
  }
  const startingAfter = params.string("starting_after");
  const endingBefore = params.string("ending_before");
  let items = newestFirst;
  if (startingAfter) {
    items = items.slice(items.findIndex((item) => item.id === startingAfter) + 1);
  } else if (endingBefore) {
    const end = items.findIndex((item) => item.id === endingBefore);
    items = end < 0 ? [] : items.slice(Math.max(0, end - limit), end);
  }
  return { object: "list", data: items.slice(0, limit), has_more: items.length > limit, url };
}

/**
 * Stripe's `created` filter on lists: `created=<unix>` for one moment, or a range with
 * `created[gt]`, `created[gte]`, `created[lt]`, `created[lte]` (any of them together).
 */
export function createdFilter(params: Params): (item: { created: number }) => boolean {
  if (!params.has("created")) return () => true;
  if (typeof params.values.created === "string") {
    const exact = params.requiredInteger("created");
    return (item) => item.created === exact;
  }
  const range = params.object("created");
  const gt = range?.integer("gt");
  const gte = range?.integer("gte");
  const lt = range?.integer("lt");
  const lte = range?.integer("lte");
  return ({ created }) =>
    (gt === undefined || created > gt) &&
    (gte === undefined || created >= gte) &&
    (lt === undefined || created < lt) &&
    (lte === undefined || created <= lte);
}
