/** Who is calling, read on the server from the session and the database. */
import { auth } from "@/lib/auth/config";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

export type SessionUser = {
  id: string;
  email: string;
  name: string | null;
  role: "USER" | "ADMIN";
};

/**
 * The signed-in user, or null. A token whose session version is no longer the user's (they
 * signed out, verified their address or changed their password since) counts as signed out.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const id = session?.user?.id;
  if (!id || session.sessionVersion === undefined) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== session.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") throw new AppError("forbidden", "Admins only.");
  return user;
}
