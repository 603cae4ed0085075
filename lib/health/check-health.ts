import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** For load balancers and uptime checks: the app answers and its database does too. */
export async function checkHealth() {
  try {
    await db.$queryRaw`SELECT 1`;
  } catch {
    throw new AppError("database_unavailable", "The database is unavailable; try again shortly.");
  }
  return { ok: true as const, database: "up" as const };
}
