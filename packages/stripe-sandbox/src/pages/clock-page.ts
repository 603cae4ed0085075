/**
 * `/clock`: the sandbox's clock for people. Shows the sandbox time and every subscription with
 * its status and period end; the buttons "+1 day", "+1 week", "+1 month" and "+1 year" POST to
 * `/clock`, which advances the clock (running renewals, retries and cancellations that fall
 * due) and answers 303 back to `/clock` with what happened.
 */
import { advanceClockBy, readClock } from "../billing/clock";
import type { SandboxContext } from "../context";
import { decodeForm, Params } from "../api/form";
import { escapeHtml, layout } from "./html";
import { isoDate } from "./portal-page";
import {
  htmlResponse,
  redirectResponse,
  type SandboxRequest,
  type SandboxResponse,
} from "./responses";
import { periodBoundary, periodEndOf } from "../objects/subscription-objects";

const STEPS = {
  day: "+1 day",
  week: "+1 week",
  month: "+1 month",
  year: "+1 year",
} as const;
type Step = keyof typeof STEPS;

/** Calendar steps: "+1 month" from 31 January lands on 28 (or 29) February. */
function secondsOf(step: Step, now: number): number {
  return periodBoundary(now, step, 1) - now;
}

function summaryLine(query: URLSearchParams): string {
  const step = query.get("advanced");
  if (!step || !(step in STEPS)) return "";
  const count = (key: string) => Number(query.get(key) ?? "0") || 0;
  const text = `Advanced ${STEPS[step as Step].slice(1)}: ${count("renewals")} renewal(s), ${count("failures")} failed payment(s), ${count("canceled")} subscription(s) ended.`;
  return `<p class="notice" role="status">${escapeHtml(text)}</p>`;
}

function clockPage(context: SandboxContext, query: URLSearchParams): SandboxResponse {
  const { now, offsetSeconds } = readClock(context);
  const { state } = context.store;
  const rows = Object.values(state.subscriptions)
    .reverse()
    .map((subscription) => {
      const price = subscription.items.data[0].price;
      const product = state.products[price.product]?.name ?? price.product;
      const email = state.customers[subscription.customer]?.email ?? subscription.customer;
      const end = subscription.status === "canceled" ? null : periodEndOf(subscription);
      const ends = subscription.cancel_at_period_end ? " (ends)" : "";
      return `<tr><td>${escapeHtml(product)}</td><td>${escapeHtml(email)}</td><td>${escapeHtml(subscription.status)}</td><td>${end === null ? "—" : escapeHtml(isoDate(end) + ends)}</td></tr>`;
    })
    .join("");
  const table = rows
    ? `<table><thead><tr><th>Product</th><th>Customer</th><th>Status</th><th>Period end</th></tr></thead><tbody>${rows}</tbody></table>`
    : "<p>No subscriptions yet.</p>";
  const buttons = (Object.keys(STEPS) as Step[])
    .map((step) => `<button type="submit" name="advance" value="${step}">${STEPS[step]}</button>`)
    .join("");
  const time = new Date(now * 1000).toISOString().replace("T", " ").slice(0, 19);
  const offsetDays = (offsetSeconds / 86_400).toFixed(1);
  return htmlResponse(
    200,
    layout(
      "Sandbox clock",
      `<h1>Sandbox clock</h1>${summaryLine(query)}
<p>Sandbox time: <strong id="sandbox-time">${escapeHtml(time)} UTC</strong> (${escapeHtml(offsetDays)} days ahead of real time)</p>
<form method="post" action="/clock" class="actions">${buttons}</form>
<h2>Subscriptions</h2>${table}`,
    ),
  );
}

export function handleClockPage(
  context: SandboxContext,
  request: SandboxRequest,
): SandboxResponse | null {
  if (request.method === "GET") return clockPage(context, request.url.searchParams);
  if (request.method !== "POST") return null;
  const step = new Params(decodeForm(request.body)).string("advance");
  if (!step || !(step in STEPS)) {
    return redirectResponse("/clock");
  }
  const summary = advanceClockBy(context, secondsOf(step as Step, context.now()));
  const query = new URLSearchParams({
    advanced: step,
    renewals: String(summary.renewals),
    failures: String(summary.failures),
    canceled: String(summary.canceled),
  });
  return redirectResponse(`/clock?${query}`);
}
