"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { CurrencyRevenue } from "@/lib/admin/dashboard/revenue-by-day";
import { currencyDigits, formatMoney } from "@/lib/money";

const colors = { gross: "#4f46e5", refunded: "#e11d48", net: "#059669", orders: "#64748b" };
const labels = { gross: "Gross", refunded: "Refunded", net: "Net", orders: "Orders" };

const dayLabel = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});

function formatDay(day: string): string {
  return dayLabel.format(new Date(`${day}T00:00:00Z`));
}

/** "$1.2K": short enough for an axis. */
function compactMoney(amountMinor: number, currency: string): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: currency.toUpperCase(),
    notation: "compact",
  }).format(amountMinor / 10 ** currencyDigits(currency));
}

/**
 * Gross and refunded per day as bars, net and the number of orders as lines: one chart per
 * currency, so amounts in different currencies never share an axis. Not animated: the figures
 * are read, not watched.
 */
export function RevenueChart({ revenue }: { revenue: CurrencyRevenue[] }) {
  return (
    <div data-testid="revenue-chart" className="space-y-6">
      {revenue.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing to chart: no paid orders in this range.</p>
      ) : (
        revenue.map((series) => <CurrencyChart key={series.currency} series={series} />)
      )}
    </div>
  );
}

function CurrencyChart({ series }: { series: CurrencyRevenue }) {
  const { currency } = series;
  return (
    <figure
      data-currency={currency}
      className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200 sm:p-4"
    >
      <figcaption className="mb-2 text-sm font-semibold text-slate-700">
        {currency.toUpperCase()} per day
      </figcaption>
      <ComposedChart
        responsive
        data={series.days}
        margin={{ top: 8, right: 0, bottom: 0, left: 0 }}
        style={{ width: "100%", height: 280 }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="day" tickFormatter={formatDay} tick={{ fontSize: 12 }} minTickGap={16} />
        <YAxis
          yAxisId="money"
          tickFormatter={(value: number) => compactMoney(value, currency)}
          tick={{ fontSize: 12 }}
          width={56}
        />
        <YAxis
          yAxisId="orders"
          orientation="right"
          allowDecimals={false}
          tick={{ fontSize: 12 }}
          width={32}
        />
        <Tooltip
          labelFormatter={(day) => formatDay(String(day))}
          formatter={(value, name) =>
            name === labels.orders ? value : formatMoney(Number(value), currency)
          }
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar
          yAxisId="money"
          dataKey="gross"
          name={labels.gross}
          fill={colors.gross}
          isAnimationActive={false}
        />
        <Bar
          yAxisId="money"
          dataKey="refunded"
          name={labels.refunded}
          fill={colors.refunded}
          isAnimationActive={false}
        />
        <Line
          yAxisId="money"
          dataKey="net"
          name={labels.net}
          stroke={colors.net}
          strokeWidth={2}
          dot={false}
          type="monotone"
          isAnimationActive={false}
        />
        <Line
          yAxisId="orders"
          dataKey="orders"
          name={labels.orders}
          stroke={colors.orders}
          strokeDasharray="4 3"
          dot={false}
          type="monotone"
          isAnimationActive={false}
        />
      </ComposedChart>
    </figure>
  );
}
