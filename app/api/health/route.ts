import { checkHealth } from "@/lib/health/check-health";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** 200 while the database answers, 503 (same body) when it does not. */
export const GET = route(async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.database === "up" ? 200 : 503 });
});
