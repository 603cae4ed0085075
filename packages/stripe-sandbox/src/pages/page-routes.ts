/**
 * Browser-facing routes: hosted checkout (`/c/pay/<session>`), embedded checkout
 * (`/embedded/<session>?client_secret=…`), payment links (`/b/<link>`), the billing portal
 * (`/p/session/<id>…`, portal.ts) and the sandbox clock (`/clock`, clock-page.ts). Card data
 * posted here never leaves the sandbox's memory.
 */
import { timingSafeEqual } from "node:crypto";
import { withSessionId, type CheckoutSessionRecord } from "../objects/checkout-objects";
import { handleClockPage } from "./clock-page";
import type { SandboxContext } from "../context";
import { SandboxApiError } from "../api/errors";
import { decodeForm, Params } from "../api/form";
import { messagePage } from "./html";
import { createPaymentLinkSession } from "../api/links-api";
import { renderCheckoutPage, renderEmbeddedComplete, type CheckoutFormValues } from "./pages";
import { payCheckoutSession } from "../billing/payments";
import { enterPromotionCode } from "../billing/discounts";
import { handlePortal } from "./portal";
import {
  htmlResponse,
  jsonResponse,
  redirectResponse,
  type SandboxRequest,
  type SandboxResponse,
} from "./responses";
import type { PaymentMethodInput } from "../types";

const CLIENT_REFERENCE_ID = /^[a-zA-Z0-9_-]{1,200}$/;

function notFound(title: string): SandboxResponse {
  return htmlResponse(404, messagePage(title, "Check the link and try again."));
}

function sameSecret(expected: string | null, given: string | null): boolean {
  if (!expected || !given || expected.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}

function formValues(params: Params | null, record: CheckoutSessionRecord, context: SandboxContext) {
  const session = record.session;
  const customerEmail = session.customer
    ? context.store.state.customers[session.customer]?.email
    : null;
  const values: CheckoutFormValues = {
    email: params?.string("email") ?? session.customer_email ?? customerEmail ?? "",
    cardNumber: params?.string("card_number") ?? "",
    expiry: params?.string("card_expiry") ?? "",
    cvc: params?.string("card_cvc") ?? "",
    accountNumber: params?.string("account_number") ?? "",
    promotionCode: params?.string("promotion_code") ?? "",
    method: methodOf(params?.string("method")),
  };
  return values;
}

function methodOf(value: string | undefined): CheckoutFormValues["method"] {
  return value === "bank_debit" || value === "apply_code" ? value : "card";
}

/** The code the buyer sees for the session's discount. */
function appliedCode(context: SandboxContext, record: CheckoutSessionRecord): string | null {
  const codeId = record.session.discounts[0]?.promotion_code;
  return codeId ? (context.store.state.promotionCodes[codeId]?.code ?? null) : null;
}

function methodInput(values: CheckoutFormValues): PaymentMethodInput {
  return values.method === "bank_debit"
    ? { type: "bank_debit", accountNumber: values.accountNumber }
    : { type: "card", number: values.cardNumber, expiry: values.expiry, cvc: values.cvc };
}

function unavailable(record: CheckoutSessionRecord): SandboxResponse | null {
  const { session } = record;
  if (session.status === "expired") {
    return htmlResponse(410, messagePage("Session expired", "This checkout session has expired."));
  }
  if (session.status === "complete") {
    const next = session.success_url ?? session.return_url;
    const link = next ? { href: withSessionId(next, session.id), label: "Continue" } : undefined;
    return htmlResponse(200, messagePage("Payment complete", "This checkout is complete.", link));
  }
  return null;
}

function hostedCheckout(context: SandboxContext, request: SandboxRequest, sessionId: string) {
  const record = context.store.checkoutSession(sessionId);
  if (record.session.ui_mode !== "hosted_page") return notFound("Checkout session not found");
  const isPost = request.method === "POST";
  const params = isPost ? new Params(decodeForm(request.body)) : null;
  if (!isPost) return unavailable(record) ?? checkoutForm(context, record, null, null);
  const values = formValues(params, record, context);
  if (values.method === "apply_code") {
    const refusal = enterPromotionCode(context, record, values.promotionCode);
    context.store.save();
    return checkoutForm(context, record, params, refusal?.refused ?? null, refusal ? 400 : 200);
  }
  const result = payCheckoutSession(context, record, values.email, methodInput(values));
  context.store.save();
  if (result.outcome === "error") {
    return checkoutForm(context, record, params, result.message, 402);
  }
  const { session } = record;
  return redirectResponse(
    session.success_url
      ? withSessionId(session.success_url, session.id)
      : `/c/pay/${session.id}/complete`,
  );
}

function checkoutForm(
  context: SandboxContext,
  record: CheckoutSessionRecord,
  params: Params | null,
  error: string | null,
  status = 200,
  clientSecret: string | null = null,
) {
  const embedded = clientSecret !== null;
  const id = encodeURIComponent(record.session.id);
  const html = renderCheckoutPage({
    record,
    embedded,
    action: embedded ? `/embedded/${id}` : `/c/pay/${id}`,
    clientSecret,
    values: formValues(params, record, context),
    error,
    appliedCode: appliedCode(context, record),
  });
  return htmlResponse(status, html);
}

function embeddedCheckout(
  context: SandboxContext,
  request: SandboxRequest,
  sessionId: string | null,
) {
  const isPost = request.method === "POST";
  const params = isPost ? new Params(decodeForm(request.body)) : null;
  const secret = params?.string("client_secret") ?? request.url.searchParams.get("client_secret");
  // Like Stripe.js, the client secret alone is enough: it begins with the session id.
  const id = sessionId ?? secret?.split("_secret_")[0] ?? "";
  const record = context.store.state.checkoutSessions[id];
  if (!record || !sameSecret(record.session.client_secret, secret)) {
    return htmlResponse(
      403,
      messagePage("Checkout unavailable", "This checkout link is not valid."),
    );
  }
  if (!isPost) return unavailable(record) ?? checkoutForm(context, record, null, null, 200, secret);
  const values = formValues(params, record, context);
  const wantsJson = (request.headers.accept ?? "").includes("application/json");
  if (values.method === "apply_code") {
    const refusal = enterPromotionCode(context, record, values.promotionCode);
    context.store.save();
    const status = refusal ? 400 : 200;
    if (wantsJson)
      return jsonResponse(
        status,
        refusal ? { outcome: "error", message: refusal.refused } : { outcome: "updated" },
      );
    return checkoutForm(context, record, params, refusal?.refused ?? null, status, secret);
  }
  const result = payCheckoutSession(context, record, values.email, methodInput(values));
  context.store.save();
  if (result.outcome === "error") {
    if (wantsJson) return jsonResponse(402, result);
    return checkoutForm(context, record, params, result.message, 402, secret);
  }
  const { session } = record;
  const redirectUrl =
    session.redirect_on_completion !== "never" && session.return_url
      ? withSessionId(session.return_url, session.id)
      : null;
  if (wantsJson)
    return jsonResponse(200, { outcome: "complete", sessionId: session.id, redirectUrl });
  return htmlResponse(200, renderEmbeddedComplete(session.id, redirectUrl));
}

function paymentLinkPage(context: SandboxContext, request: SandboxRequest, linkId: string) {
  const record = context.store.paymentLink(linkId);
  if (!record.link.active) {
    return htmlResponse(
      410,
      messagePage("Link inactive", "This payment link is no longer active."),
    );
  }
  const query = request.url.searchParams;
  const reference = query.get("client_reference_id");
  const created = createPaymentLinkSession(context, record, {
    // Stripe silently drops a reference that is not 1–200 letters, digits, `-` or `_`.
    clientReferenceId: reference && CLIENT_REFERENCE_ID.test(reference) ? reference : null,
    email: query.get("prefilled_email") || null,
  });
  context.store.save();
  return redirectResponse(created.session.url ?? `/c/pay/${created.session.id}`);
}

function completePage(context: SandboxContext, sessionId: string) {
  const { session } = context.store.checkoutSession(sessionId);
  const link = session.payment_link
    ? context.store.state.paymentLinks[session.payment_link]?.link
    : null;
  const custom =
    link?.after_completion.type === "hosted_confirmation"
      ? link.after_completion.hosted_confirmation.custom_message
      : null;
  return htmlResponse(200, messagePage("Payment complete", custom ?? "Thanks for your payment."));
}

export function handlePage(context: SandboxContext, request: SandboxRequest): SandboxResponse {
  const path = request.url.pathname;
  const [, first, second, third, extra] = path.split("/").map(decodeURIComponent);
  const method = request.method;
  try {
    if (first === "c" && second === "pay" && third && extra === "complete" && method === "GET") {
      return completePage(context, third);
    }
    if (first === "c" && second === "pay" && third && extra === undefined) {
      return hostedCheckout(context, request, third);
    }
    if (first === "embedded" && third === undefined) {
      return embeddedCheckout(context, request, second || null);
    }
    if (first === "b" && second && third === undefined && method === "GET") {
      return paymentLinkPage(context, request, second);
    }
    if (first === "p" && second === "session") {
      const segments = path.split("/").slice(3).map(decodeURIComponent);
      return handlePortal(context, request, segments) ?? notFound("Not found");
    }
    if (path === "/clock") {
      return handleClockPage(context, request) ?? notFound("Not found");
    }
    if (path === "/" && method === "GET") {
      return htmlResponse(200, messagePage("Stripe sandbox", "The API is served under /v1."));
    }
  } catch (error) {
    if (error instanceof SandboxApiError && error.status === 404) return notFound("Not found");
    throw error;
  }
  return notFound("Not found");
}
