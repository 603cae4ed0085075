/**
 * Open-loop load: requests start on a fixed schedule (`ratePerSecond`), whatever the answers do,
 * as independent senders such as a provider's webhook deliveries arrive. A slow server therefore
 * meets more requests at once instead of fewer, and each latency is counted from the moment the
 * request was due, not from when it was sent, so that a stalled sender hides nothing
 * (no coordinated omission). Closed-loop p99 at N clients mostly measures the queue; this
 * measures what one arrival at the given rate waits.
 */
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { LoadRequest, LoadResult, Sample } from "./run-load";

export type OpenLoopOptions = {
  baseUrl: string;
  ratePerSecond: number;
  total: number;
  request: (index: number) => LoadRequest;
};

export async function runOpenLoop({
  baseUrl,
  ratePerSecond,
  total,
  request,
}: OpenLoopOptions): Promise<LoadResult> {
  const samples = new Array<Sample>(total);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = started + (index * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      send(baseUrl, request(index), due).then((sample) => void (samples[index] = sample)),
    );
  }
  await Promise.all(inFlight);
  return { samples, wallMs: performance.now() - started };
}

async function send(
  baseUrl: string,
  { path, method = "POST", headers, body }: LoadRequest,
  due: number,
): Promise<Sample> {
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    return { latencyMs: performance.now() - due, status: response.status, body: text };
  } catch (error) {
    return { latencyMs: performance.now() - due, status: 0, body: String(error) };
  }
}
