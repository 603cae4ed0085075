/**
 * The pages a browser sees: the checkout form (hosted, or embedded in the app's iframe) and the
 * embedded form's completion hand-off (the portal is portal-page.ts, the clock clock-page.ts).
 * Inputs and buttons carry stable accessible names ("Email", "Card number", "Expiry (MM/YY)",
 * "CVC", "Account number", "Pay", "Pay by bank debit"; "Start trial" for a free trial) so
 * browser tests can find them by label and role. A subscription-mode session is paid by card
 * only. With `allow_promotion_codes` the form has a "Promotion code" field and an "Apply" button;
 * an applied code shows as a "Discount" line above the total.
 */
import type { CheckoutSessionRecord } from "../objects/checkout-objects";
import { escapeHtml, layout, scriptJson } from "./html";
import { formatAmount, type Price } from "../objects/objects";

/** What the visitor typed, put back into the form after a decline. */
export interface CheckoutFormValues {
  email: string;
  cardNumber: string;
  expiry: string;
  cvc: string;
  accountNumber: string;
  promotionCode: string;
  method: "card" | "bank_debit" | "apply_code";
}

export interface CheckoutPageOptions {
  record: CheckoutSessionRecord;
  embedded: boolean;
  action: string;
  clientSecret: string | null;
  values: CheckoutFormValues;
  error: string | null;
  /** The promotion code applied to the session, as the buyer sees it. */
  appliedCode: string | null;
}

/** Message sent to the embedding window when an embedded checkout completes. */
export const COMPLETE_MESSAGE_TYPE = "stripe-sandbox:checkout-complete";

/** "$9.00 / month", "$90.00 / 3 months", or just "$49.00" for a one-time price. */
export function pricePerInterval(amount: number, price: Price): string {
  const formatted = formatAmount(amount, price.currency);
  const recurring = price.recurring;
  if (!recurring) return formatted;
  const count = recurring.interval_count;
  return `${formatted} / ${count === 1 ? recurring.interval : `${count} ${recurring.interval}s`}`;
}

/** "14 days free", or "Free until 2026-12-25" for a trial that ends at a set time. */
function trialLine(record: CheckoutSessionRecord): string {
  const trial = record.subscriptionData?.trial;
  if (!trial) return "";
  const free = trial.periodDays
    ? `${trial.periodDays} ${trial.periodDays === 1 ? "day" : "days"} free`
    : `Free until ${new Date((trial.end ?? 0) * 1000).toISOString().slice(0, 10)}`;
  return `<p class="trial" data-testid="trial-offer">${escapeHtml(free)}, then the price below. Your card is saved now and charged when the trial ends.</p>`;
}

function summary(record: CheckoutSessionRecord, codeLabel: string | null): string {
  const { session, lineItems } = record;
  const items = lineItems
    .map((item) => {
      const quantity = item.quantity > 1 ? ` × ${item.quantity}` : "";
      return `<li><span>${escapeHtml(item.description)}${quantity}</span><span>${escapeHtml(pricePerInterval(item.amount_total, item.price))}</span></li>`;
    })
    .join("");
  return `<h1>${escapeHtml(lineItems[0]?.description ?? "Checkout")}</h1>
${trialLine(record)}<ul class="items">${items}</ul>
${discountLines(record, codeLabel)}<p class="total"><span>${record.subscriptionData?.trial ? "Due today" : "Total"}</span><span>${escapeHtml(formatAmount(session.amount_total, session.currency))}</span></p>`;
}

/** Subtotal and "Discount (CODE)" lines, when a code took something off. */
function discountLines(record: CheckoutSessionRecord, codeLabel: string | null): string {
  const { session } = record;
  const off = session.total_details.amount_discount;
  if (!session.discounts.length) return "";
  const label = codeLabel ? `Discount (${codeLabel})` : "Discount";
  return `<p class="subtotal"><span>Subtotal</span><span>${escapeHtml(formatAmount(session.amount_subtotal, session.currency))}</span></p>
<p class="discount" data-testid="checkout-discount"><span>${escapeHtml(label)}</span><span>−${escapeHtml(formatAmount(off, session.currency))}</span></p>`;
}

function promotionCodeField(values: CheckoutFormValues): string {
  return `<fieldset><legend>Promotion code</legend>
${input("promotion-code", "Promotion code", "promotion_code", values.promotionCode, 'autocomplete="off"')}
<button type="submit" name="method" value="apply_code">Apply</button>
</fieldset>`;
}

export function input(id: string, label: string, name: string, value: string, extra: string) {
  return `<label for="${id}">${label}<input id="${id}" name="${name}" value="${escapeHtml(value)}" ${extra}></label>`;
}

function bankDebit(values: CheckoutFormValues): string {
  return `<details${values.method === "bank_debit" ? " open" : ""}><summary>Bank debit (settles later)</summary>
${input("account-number", "Account number", "account_number", values.accountNumber, 'inputmode="numeric" placeholder="000123456789"')}
<button type="submit" name="method" value="bank_debit">Pay by bank debit</button>
</details>`;
}

export function renderCheckoutPage(options: CheckoutPageOptions): string {
  const { record, values } = options;
  const subscription = record.session.mode === "subscription";
  const secret = options.clientSecret
    ? `<input type="hidden" name="client_secret" value="${escapeHtml(options.clientSecret)}">`
    : "";
  const cancelUrl = !options.embedded ? record.session.cancel_url : null;
  const cancel = cancelUrl ? `<p><a href="${escapeHtml(cancelUrl)}">Cancel and return</a></p>` : "";
  const form = `<form method="post" action="${escapeHtml(options.action)}"${options.embedded ? " data-embedded" : ""} novalidate>
${secret}
<div id="payment-error" class="error" role="alert">${escapeHtml(options.error)}</div>
${input("email", "Email", "email", values.email, 'type="email" autocomplete="email"')}
<fieldset><legend>Card</legend>
${input("card-number", "Card number", "card_number", values.cardNumber, 'inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242"')}
<div class="row">
${input("card-expiry", "Expiry (MM/YY)", "card_expiry", values.expiry, 'autocomplete="cc-exp" placeholder="MM / YY"')}
${input("card-cvc", "CVC", "card_cvc", values.cvc, 'inputmode="numeric" autocomplete="cc-csc" placeholder="123"')}
</div>
<button type="submit" name="method" value="card">${record.subscriptionData?.trial ? "Start trial" : "Pay"}</button>
</fieldset>
${subscription ? "" : bankDebit(values)}
${record.session.allow_promotion_codes ? promotionCodeField(values) : ""}
</form>`;
  const hint = subscription
    ? `<p class="hint">Test card 4242 4242 4242 4242 succeeds, 4000 0000 0000 9995 is declined, 4000 0000 0000 0341 pays now but fails every renewal (any future expiry, any CVC).</p>`
    : `<p class="hint">Test card 4242 4242 4242 4242 succeeds, 4000 0000 0000 9995 is declined (any future expiry, any CVC). Bank account 000123456789 settles, 000111111113 fails.</p>`;
  const script = options.embedded ? `<script>${EMBEDDED_SCRIPT}</script>` : "";
  return layout(
    "Checkout",
    `${summary(record, options.appliedCode)}${form}${cancel}${hint}${script}`,
    {
      embedded: options.embedded,
    },
  );
}

/**
 * The embedded form submits with fetch so its document (and the click's user activation)
 * survives: browsers let a cross-origin iframe navigate the top window only after a gesture.
 */
const EMBEDDED_SCRIPT = `
(function () {
  var form = document.querySelector("form[data-embedded]");
  var error = document.getElementById("payment-error");
  var buttons = form.querySelectorAll("button");
  function setBusy(busy) { buttons.forEach(function (b) { b.disabled = busy; }); }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var data = new URLSearchParams(new FormData(form));
    data.set("method", event.submitter && event.submitter.value ? event.submitter.value : "card");
    error.textContent = "";
    setBusy(true);
    fetch(form.action, { method: "POST", body: data, headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        if (result.outcome === "complete") return window.stripeSandboxComplete(result);
        if (result.outcome === "updated") return window.location.reload();
        error.textContent = result.message;
        setBusy(false);
      })
      .catch(function () { error.textContent = "Something went wrong. Please try again."; setBusy(false); });
  });
})();
${completeFunction()}`;

function completeFunction(): string {
  return `window.stripeSandboxComplete = function (result) {
  window.parent.postMessage({ type: ${scriptJson(COMPLETE_MESSAGE_TYPE)}, sessionId: result.sessionId }, "*");
  var main = document.querySelector("main");
  main.innerHTML = "<h1>Payment complete</h1>";
  if (!result.redirectUrl) return;
  var link = document.createElement("a");
  link.href = result.redirectUrl; link.target = "_top"; link.textContent = "Continue";
  main.appendChild(link);
  try { window.top.location.href = result.redirectUrl; } catch (e) { /* the link stays */ }
};`;
}

/** After a form post without scripts, or when the form was not in an iframe. */
export function renderEmbeddedComplete(sessionId: string, redirectUrl: string | null): string {
  const result = scriptJson({ outcome: "complete", sessionId, redirectUrl });
  return layout(
    "Payment complete",
    `<h1>Payment complete</h1><script>${completeFunction()}\nwindow.stripeSandboxComplete(${result});</script>`,
    { embedded: true },
  );
}
