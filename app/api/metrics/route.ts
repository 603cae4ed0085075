import { route } from "@/lib/http/route";
import { readMetrics } from "@/lib/observability/read-metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrapes this process's metrics here (see the README's Operations section). */
export const GET = route(async (request) => {
  const { contentType, text } = await readMetrics({
    authorization: request.headers.get("authorization"),
  });
  return new Response(text, {
    headers: { "content-type": contentType, "cache-control": "no-store" },
  });
});
