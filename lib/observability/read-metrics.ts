import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { metrics } from "@/lib/observability/metrics";
import { secretsEqual } from "@/lib/security/secrets";

export type ReadMetricsOptions = { authorization: string | null };

/**
 * This process's metrics in Prometheus' text format, for `Authorization: Bearer METRICS_TOKEN`.
 * Without METRICS_TOKEN the endpoint does not exist (404); a wrong token gets 401.
 */
export async function readMetrics({ authorization }: ReadMetricsOptions) {
  const token = getEnv().METRICS_TOKEN;
  if (!token) throw new AppError("not_found", "Not found.");
  const given = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1]?.trim() ?? "";
  if (!secretsEqual(given, token)) {
    throw new AppError("unauthorized", "Send the metrics token as Authorization: Bearer <token>.");
  }
  const { registry } = metrics;
  return { contentType: registry.contentType, text: await registry.metrics() };
}
