/** Builds the URL a buyer is sent to for an offering paid through a link. */

export type PaymentLinkValues = {
  purchaseId: string;
  orderId: string;
  userId: string;
  userEmail: string;
};

/** Fills {purchase_id}, {order_id}, {user_id} and {user_email}, URL-encoded, in an admin's link. */
export function fillPaymentLink(template: string, values: PaymentLinkValues): string {
  const replacements: Record<string, string> = {
    purchase_id: values.purchaseId,
    order_id: values.orderId,
    user_id: values.userId,
    user_email: values.userEmail,
  };
  return template.replace(
    /\{(purchase_id|order_id|user_id|user_email)\}/g,
    (_match, name: string) => encodeURIComponent(replacements[name]),
  );
}

/** A Stripe Payment Link learns the order from client_reference_id, and the buyer's email. */
export function stripePaymentLinkUrl(link: string, values: PaymentLinkValues): string {
  const url = new URL(fillPaymentLink(link, values));
  url.searchParams.set("client_reference_id", values.orderId);
  if (!url.searchParams.has("prefilled_email"))
    url.searchParams.set("prefilled_email", values.userEmail);
  return url.toString();
}
