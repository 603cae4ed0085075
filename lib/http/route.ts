/**
 * The one wrapper for route handlers: it resolves who is calling when asked to, and maps every
 * error to the JSON error shape in one place.
 */
import { requireAdmin, requireUser, type SessionUser } from "@/lib/auth/session";
import { AppError, errorResponse } from "@/lib/errors";
import { assertSameOriginJson } from "@/lib/http/same-origin";
import { isStorableText } from "@/lib/http/storable-text";

type Params = Record<string, string>;
export type RouteContext<P extends Params> = { params: Promise<P> };
type Handler<P extends Params> = (request: Request, context: RouteContext<P>) => Promise<Response>;
type AuthedHandler<P extends Params> = (
  request: Request,
  context: { params: P; user: SessionUser },
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
 * Signed-in users only (401 otherwise). A state-changing method must also be a same-origin JSON
 * request (403 otherwise, before anything is read or written): the session cookie alone proves
 * nothing about which site sent the request.
 */
export function userRoute<P extends Params = Params>(handler: AuthedHandler<P>): Handler<P> {
  const answer = route<P>(async (request, context) => {
    assertSameOriginJson(request);
    const user = await requireUser();
    return handler(request, { params: await context.params, user });
  });
  return noStore(answer);
}

/** Admins only (401 signed out, 403 signed in without the role), same-origin JSON as above. */
export function adminRoute<P extends Params = Params>(handler: AuthedHandler<P>): Handler<P> {
  const answer = route<P>(async (request, context) => {
    assertSameOriginJson(request);
    const user = await requireAdmin();
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
