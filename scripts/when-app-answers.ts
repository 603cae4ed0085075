/**
 * For the launcher: resolves once the app answers HTTP at `url` (any status will do: it is
 * listening, and under `next dev` the route is compiled by then), polling until `timeoutMs`.
 * Resolves true when it answered, false when it gave up.
 */
export async function whenAppAnswers(
  url: string,
  { timeoutMs = 600_000, intervalMs = 250 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, {
        signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
      });
      await response.arrayBuffer().catch(() => undefined);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  return false;
}
