import { route } from "@/lib/http/route";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export const GET = route(async () => Response.json(await checkHealth()));
