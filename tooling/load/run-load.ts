/**
 * Closed-loop load: a bounded number of clients, each sending its next request as soon as its
 * previous one is answered (keep-alive fetch, per-request latency). The open-loop runner, where
 * requests start on a schedule instead, is open-loop.ts.
 */
import { performance } from "node:perf_hooks";

/** Runs task(0) … task(total - 1) with at most `concurrency` in flight. */
export async function forEachConcurrently(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

export type LoadRequest = {
  /** Another server than the load's `baseUrl` (to spread one load over several instances). */
  baseUrl?: string;
  path: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
};
/** One request's outcome; status 0 means a network error or timeout. */
export type Sample = { latencyMs: number; status: number; body: string };
export type LoadResult = { samples: Sample[]; wallMs: number };
export type LoadOptions = {
  baseUrl: string;
  total: number;
  concurrency: number;
  request: (index: number) => LoadRequest;
};

/**
 * Sends `total` requests (POST unless told) from `concurrency` clients, each sending its next
 * request as soon as its previous one is answered. Latency runs from just before fetch until the
 * body is read. Global fetch keeps connections alive, so each client mostly reuses one socket.
 */
export async function runLoad({ baseUrl, total, concurrency, request }: LoadOptions) {
  const samples = new Array<Sample>(total);
  const started = performance.now();
  await forEachConcurrently(total, concurrency, async (index) => {
    const {
      baseUrl: target = baseUrl,
      path: requestPath,
      method = "POST",
      headers,
      body,
    } = request(index);
    const init = { method, headers, body, signal: AbortSignal.timeout(30_000) };
    const before = performance.now();
    const record = (status: number, text: string) => {
      samples[index] = { latencyMs: performance.now() - before, status, body: text };
    };
    try {
      const response = await fetch(`${target}${requestPath}`, init);
      record(response.status, await response.text());
    } catch (error) {
      record(0, String(error));
    }
  });
  return { samples, wallMs: performance.now() - started } satisfies LoadResult;
}
