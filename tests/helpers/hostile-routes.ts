/**
 * Calls a route handler the way Next would, as a given caller: signed out, a signed-in user, an
 * admin (their session, for a real user row), Stripe (the body signed with the webhook secret)
 * or a provider of an offering (its secret). The session comes from `auth` of lib/auth/config,
 * which the test file mocks: the role and session-version checks still read the database.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { vi } from "vitest";
import { auth } from "@/lib/auth/config";
import { stripeSignature } from "../../tooling/stripe";
import { WEBHOOK_SECRET } from "./stripe-webhook";

export const APP = "http://localhost:3000";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
// Method syntax: a handler typed for its own params ({ id }, { kind }) is accepted here.
type Context = { params: Promise<Record<string, string>> };
export type Handler = { call(request: Request, context: Context): Promise<Response> }["call"];
export type Caller =
  | { as: "anyone" }
  | { as: "user" | "admin" }
  | { as: "stripe" }
  | { as: "offering"; secret: () => string };

export type RouteCase = {
  /** The route file, as on disk. */
  file: string;
  method: Method;
  handler: Handler;
  caller: Caller;
  /** The path, `{id}` standing for the dynamic segment. */
  path: string;
  /** The dynamic segment's name and a real value for it (set once the fixtures exist). */
  param?: { name: string; value: () => string };
  /** A valid body, for methods that read one; its hostile variants are posted. */
  body?: () => Record<string, unknown>;
  /** False for a POST that reads no body (it answers a hostile one as it would no body). */
  readsBody?: boolean;
  /** The query filters a GET reads; each is set to hostile values. */
  filters?: string[];
};

export function signInAs(user: { id: string } | null) {
  const session = user
    ? { user: { id: user.id }, sessionVersion: 0, expires: "2999-01-01T00:00:00Z" }
    : null;
  vi.mocked(auth as () => Promise<unknown>).mockResolvedValue(session);
}

/** Sends one request to a case's handler; `id` replaces the dynamic segment's real value. */
export async function send(
  route: RouteCase,
  options: { body?: string; contentType?: string; query?: string; id?: string } = {},
): Promise<Response> {
  const id = options.id ?? route.param?.value() ?? "";
  const headers = new Headers();
  if (options.contentType) headers.set("content-type", options.contentType);
  if (route.caller.as === "user" || route.caller.as === "admin") headers.set("origin", APP);
  if (route.caller.as === "stripe" && options.body !== undefined) {
    headers.set("stripe-signature", stripeSignature(options.body, { secret: WEBHOOK_SECRET }));
  }
  if (route.caller.as === "offering") headers.set("x-offering-secret", route.caller.secret());
  const target = route.path.replace("{id}", encodeURIComponent(id.toWellFormed()));
  const url = `${APP}${target}${options.query ? `?${options.query}` : ""}`;
  const request = new Request(url, { method: route.method, headers, body: options.body });
  const params = route.param ? { [route.param.name]: id } : {};
  return route.handler(request, { params: Promise.resolve(params) });
}

const METHODS: Method[] = ["GET", "POST", "PATCH", "PUT", "DELETE"];

/** Every `file method` pair on disk under app/api and app/webhooks. */
export async function routesOnDisk(): Promise<string[]> {
  const files = ["app/api", "app/webhooks"].flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: "utf8" })
      .filter((name) => path.basename(name) === "route.ts")
      .map((name) => path.join(folder, name)),
  );
  files.sort();
  const pairs: string[] = [];
  for (const file of files) {
    const exported = (await import(`@/${file.replace(/\.ts$/, "")}`)) as Record<string, unknown>;
    for (const method of METHODS)
      if (typeof exported[method] === "function") pairs.push(`${file} ${method}`);
  }
  return pairs;
}
