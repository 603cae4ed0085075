/**
 * Timings for the start log: how long a step took, and how long since the launcher started, as
 * "1.9 s". The launcher (scripts/run.ts) hands its start time to the processes it starts
 * (START_LOG_ORIGIN, epoch milliseconds), so that every "at … s" in the log is on its clock;
 * a process started alone counts from its own start (`performance.now()` counts from there).
 */
export const seconds = (milliseconds: number) => `${(milliseconds / 1000).toFixed(1)} s`;

const origin = Number(process.env.START_LOG_ORIGIN) || performance.timeOrigin;

/** The launcher's start, for the environment of the processes it starts. */
export const startLogOrigin = () => String(Math.round(origin));

/** Since the launcher started (or this process, when started alone). */
export const sinceStart = () => seconds(performance.timeOrigin + performance.now() - origin);

/** A stopwatch: `took()` is the time since it was made. */
export function stopwatch() {
  const started = performance.now();
  return { took: () => seconds(performance.now() - started) };
}
