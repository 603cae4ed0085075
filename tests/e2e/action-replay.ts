/**
 * Replaying server actions as other callers: the admin's browser is used only to learn an
 * action's request (its id and form body), which is stopped before it reaches the server; the
 * same request can then be sent with anyone's cookies.
 */
import { expect, type APIRequestContext, type Page, type Route } from "@playwright/test";

export type CapturedAction = { url: string; headers: Record<string, string>; body: Buffer };

/** Runs `submit` in the admin's page and returns the server action request it made, unsent. */
export async function captureAction(
  page: Page,
  submit: () => Promise<void>,
): Promise<CapturedAction> {
  let captured: CapturedAction | undefined;
  const stop = async (route: Route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    // Another request may still be in this handler when the route is removed: ignore that.
    if (request.method() !== "POST" || !headers["next-action"])
      return route.continue().catch(() => {});
    captured = { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
    return route.abort().catch(() => {});
  };
  await page.route("**/*", stop);
  try {
    await submit();
    await expect.poll(() => captured !== undefined, { message: "a server action post" }).toBe(true);
  } finally {
    await page.unrouteAll({ behavior: "ignoreErrors" });
  }
  if (!captured) throw new Error("no server action was posted");
  return captured;
}

/** Sends a captured action request with another caller's cookies (or none). */
export async function replay(request: APIRequestContext, action: CapturedAction, baseURL: string) {
  const forwarded = ["next-action", "content-type", "accept", "next-router-state-tree"];
  const headers: Record<string, string> = { origin: baseURL };
  for (const name of forwarded) if (action.headers[name]) headers[name] = action.headers[name];
  const response = await request.post(action.url, { headers, data: action.body });
  return response.text();
}
