/**
 * Whether a five-field cron expression (minute hour day-of-month month day-of-week, UTC) names
 * the minute `at` falls in: `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`, and lists of
 * those. For the embedded database, where the outbox's jobs run on the worker's own timer
 * (pg-boss, which runs them on PostgreSQL, reads the same expressions).
 */
const FIELDS = [
  { min: 0, max: 59, of: (at: Date) => at.getUTCMinutes() },
  { min: 0, max: 23, of: (at: Date) => at.getUTCHours() },
  { min: 1, max: 31, of: (at: Date) => at.getUTCDate() },
  { min: 1, max: 12, of: (at: Date) => at.getUTCMonth() + 1 },
  { min: 0, max: 7, of: (at: Date) => at.getUTCDay() },
] as const;

function partMatches(part: string, value: number, min: number, max: number): boolean {
  const [range, stepText] = part.split("/");
  const step = stepText === undefined ? 1 : Number(stepText);
  if (!Number.isInteger(step) || step < 1) throw new Error(`a bad cron step: ${part}`);
  const [from, to] =
    range === "*"
      ? [min, max]
      : range.includes("-")
        ? range.split("-").map(Number)
        : [Number(range), stepText === undefined ? Number(range) : max];
  if (!Number.isInteger(from) || !Number.isInteger(to))
    throw new Error(`a bad cron field: ${part}`);
  return value >= from && value <= to && (value - from) % step === 0;
}

export function cronMatches(cron: string, at: Date): boolean {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`a cron expression has five fields: "${cron}"`);
  const fieldMatches = (index: number) => {
    const { min, max, of } = FIELDS[index];
    const value = of(at);
    const matches = (candidate: number) =>
      fields[index].split(",").some((part) => partMatches(part, candidate, min, max));
    // Sunday is 0 or 7.
    return matches(value) || (index === 4 && value === 0 && matches(7));
  };
  const [minute, hour, dayOfMonth, month, dayOfWeek] = [0, 1, 2, 3, 4].map(fieldMatches);
  // As in cron: with both day fields restricted, either day matches.
  const day =
    fields[2] !== "*" && fields[4] !== "*" ? dayOfMonth || dayOfWeek : dayOfMonth && dayOfWeek;
  return minute && hour && month && day;
}
