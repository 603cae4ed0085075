/** Guards for server components and pages: redirect to sign-in, or answer 403. */
import { forbidden, redirect } from "next/navigation";
import { currentUser, type SessionUser } from "@/lib/auth/session";

export async function requireUserPage(returnTo: string): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

export async function requireAdminPage(returnTo = "/admin"): Promise<SessionUser> {
  const user = await requireUserPage(returnTo);
  if (user.role !== "ADMIN") forbidden();
  return user;
}
