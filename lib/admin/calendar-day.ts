/** Calendar days (YYYY-MM-DD, in UTC) as the admin's date filters send them. */
import { z } from "zod";

const DAY_MS = 86_400_000;

/** A real calendar day: "2026-02-30" is refused, not rolled over into March. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => toDay(new Date(`${value}T00:00:00Z`)) === value, "Not a calendar day");

/** The day a moment falls on, in UTC. */
export function toDay(date: Date): string {
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10);
}

/** Midnight UTC at the start of the day. */
export function startOfDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The day `count` days after (or before, when negative) this one. */
export function addDays(day: string, count: number): string {
  return toDay(new Date(startOfDay(day).getTime() + count * DAY_MS));
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}
