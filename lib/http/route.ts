/**
 * The one wrapper for route handlers: it maps every error to the JSON error shape in one place,
 * and, for a guarded route, checks who is calling first. Who may call is the guard's business
 * (lib/auth/route-guards.ts: userRoute, adminRoute), so this kernel module knows no session.
 */
import { AppError, errorResponse } from "@/lib/errors";
import { assertSameOriginJson } from "@/lib/http/same-origin";
import { isStorableText } from "@/lib/http/storable-text";

export type Params = Record<string, string>;
export type RouteContext<P extends Params> = { params: Promise<P> };
export type Handler<P extends Params> = (
  request: Request,
  context: RouteContext<P>,
) => Promise<Response>;
/** A handler behind a guard: it gets the params resolved and whom the guard let in. */
export type GuardedHandler<P extends Params, U> = (
  request: Request,
  context: { params: P; user: U },
) => Promise<Response>;

export function route<P extends Params = Params>(handler: Handler<P>): Handler<P> {
  return async (request, context) => {
    try {
      await assertStorableParams(context);
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * A state-changing method must be a same-origin JSON request (403 otherwise, before anything is
 * read or written): the session cookie alone proves nothing about which site sent the request.
 * Then `authorize` says who is calling or throws (401, 403), and only then the handler runs.
 */
export function guardedRoute<U, P extends Params = Params>(
  authorize: () => Promise<U>,
  handler: GuardedHandler<P, U>,
): Handler<P> {
  const answer = route<P>(async (request, context) => {
    assertSameOriginJson(request);
    const user = await authorize();
    return handler(request, { params: await context.params, user });
  });
  return noStore(answer);
}

/** An answer about who is calling is never kept by a browser's cache or a shared proxy. */
function noStore<P extends Params>(handler: Handler<P>): Handler<P> {
  return async (request, context) => {
    const response = await handler(request, context);
    try {
      response.headers.set("cache-control", "no-store");
      return response;
    } catch {
      // Immutable headers (a fetched response passed through): answer a copy.
      const copy = new Response(response.body, response);
      copy.headers.set("cache-control", "no-store");
      return copy;
    }
  };
}

/** A path segment holding NUL or a lone surrogate names nothing: 404 before any lookup. */
async function assertStorableParams(context: RouteContext<Params> | undefined): Promise<void> {
  const params: Record<string, string | string[]> = (await context?.params) ?? {};
  const segments = Object.values(params).flat();
  if (segments.some((segment) => !isStorableText(segment))) {
    throw new AppError("not_found", "There is nothing at this address.");
  }
}
