/**
 * Route handlers for signed-in callers: lib/http/route.ts's guarded route with the session check.
 * Both answer `cache-control: no-store` and refuse a cross-site state-changing request (403).
 */
import { requireAdmin, requireUser, type SessionUser } from "@/lib/auth/session";
import { guardedRoute, type GuardedHandler, type Handler, type Params } from "@/lib/http/route";

/** Signed-in users only (401 otherwise). */
export function userRoute<P extends Params = Params>(
  handler: GuardedHandler<P, SessionUser>,
): Handler<P> {
  return guardedRoute(requireUser, handler);
}

/** Admins only (401 signed out, 403 signed in without the role). */
export function adminRoute<P extends Params = Params>(
  handler: GuardedHandler<P, SessionUser>,
): Handler<P> {
  return guardedRoute(requireAdmin, handler);
}
