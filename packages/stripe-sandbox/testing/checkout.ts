import type Stripe from "stripe";

export interface CheckoutForm {
  email?: string;
  cardNumber?: string;
  expiry?: string;
  cvc?: string;
  accountNumber?: string;
  promotionCode?: string;
  method?: "card" | "bank_debit" | "apply_code";
}

function formBody(form: CheckoutForm, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    email: form.email ?? "buyer@example.com",
    card_number: form.cardNumber ?? "",
    card_expiry: form.expiry ?? "12/40",
    card_cvc: form.cvc ?? "123",
    account_number: form.accountNumber ?? "",
    promotion_code: form.promotionCode ?? "",
    method: form.method ?? "card",
    ...extra,
  });
}

/** Posts the hosted checkout form the way a browser does, without following the redirect. */
export async function submitHostedCheckout(baseUrl: string, sessionId: string, form: CheckoutForm) {
  const response = await fetch(`${baseUrl}/c/pay/${sessionId}`, {
    method: "POST",
    body: formBody(form),
    redirect: "manual",
  });
  return {
    status: response.status,
    location: response.headers.get("location"),
    html: await response.text(),
  };
}

/** Posts the embedded form as its script does (JSON answer) or as a plain form (HTML answer). */
export async function submitEmbeddedCheckout(
  baseUrl: string,
  session: Stripe.Checkout.Session,
  form: CheckoutForm,
  answer: "json" | "html" = "json",
) {
  const response = await fetch(`${baseUrl}/embedded/${session.id}`, {
    method: "POST",
    body: formBody(form, { client_secret: session.client_secret ?? "" }),
    headers: answer === "json" ? { Accept: "application/json" } : {},
  });
  return { status: response.status, text: await response.text() };
}

export const PRODUCT_NAME = "Pro community access";

/** A one-item hosted session for 49.00 USD; `overrides` replace any parameter. */
export function createHostedSession(
  stripe: Stripe,
  overrides: Stripe.Checkout.SessionCreateParams = {},
) {
  return stripe.checkout.sessions.create({
    mode: "payment",
    line_items: [
      {
        quantity: 1,
        price_data: { currency: "usd", unit_amount: 4900, product_data: { name: PRODUCT_NAME } },
      },
    ],
    success_url: "http://localhost:3000/checkout/return?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://localhost:3000/offerings",
    ...overrides,
  });
}

/** Pays a fresh hosted session with 4242 and returns it retrieved with its payment intent. */
export async function paidSession(stripe: Stripe, baseUrl: string) {
  const session = await createHostedSession(stripe);
  await submitHostedCheckout(baseUrl, session.id, { cardNumber: "4242 4242 4242 4242" });
  return stripe.checkout.sessions.retrieve(session.id, { expand: ["payment_intent"] });
}

/** Types a promotion code on the embedded form and presses Apply, as its script does (JSON). */
export async function applyEmbeddedPromotionCode(
  baseUrl: string,
  session: Stripe.Checkout.Session,
  code: string,
) {
  const answer = await submitEmbeddedCheckout(baseUrl, session, {
    promotionCode: code,
    method: "apply_code",
  });
  return { status: answer.status, body: JSON.parse(answer.text) as Record<string, unknown> };
}
