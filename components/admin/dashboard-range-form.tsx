import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { addDays } from "@/lib/admin/calendar-day";
import type { DayRange } from "@/lib/admin/dashboard/schemas";

const presets = [7, 30, 90, 365];

/** The dashboard's range as a plain GET form, so every view has a URL; quick ranges end today. */
export function DashboardRangeForm({ range, today }: { range: DayRange; today: string }) {
  return (
    <div className="space-y-2">
      <form
        method="get"
        action="/admin"
        aria-label="Date range"
        className="grid grid-cols-2 gap-3 sm:flex sm:items-end"
      >
        <Field label="From" name="from" type="date" defaultValue={range.from} max={today} />
        <Field label="To" name="to" type="date" defaultValue={range.to} max={today} />
        <Button type="submit" variant="secondary" className="col-span-2">
          Show
        </Button>
      </form>
      <p className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
        {presets.map((days) => {
          const from = addDays(today, 1 - days);
          const active = range.from === from && range.to === today;
          return (
            <Link
              key={days}
              href={`/admin?from=${from}&to=${today}`}
              aria-current={active ? "page" : undefined}
              className={
                active ? "font-semibold text-indigo-700" : "text-slate-600 hover:underline"
              }
            >
              Last {days} days
            </Link>
          );
        })}
      </p>
    </div>
  );
}
