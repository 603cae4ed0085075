import { currentUser } from "@/lib/auth/session";
import { route } from "@/lib/http/route";

// Reads the caller's session cookie: never prerendered, never cached.
export const dynamic = "force-dynamic";

/** Who is signed in, for the header (components/layout/account-links.tsx): email and role. */
export const GET = route(async () => {
  const user = await currentUser();
  const body = { user: user ? { email: user.email, role: user.role } : null };
  return Response.json(body, { headers: { "cache-control": "private, no-store" } });
});
