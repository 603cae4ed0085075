/**
 * Timings for the start log: how long a step took, and how long since this process started
 * (`performance.now()` counts from the process's start), as "1.9 s".
 */
export const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

/** Since this process started. */
export const sinceStart = () => seconds(performance.now());

/** A stopwatch: `took()` is the time since it was made. */
export function stopwatch() {
  const started = performance.now();
  return { took: () => seconds(performance.now() - started) };
}
