import { describe, expect, it } from "vitest";
import { fillPaymentLink, stripePaymentLinkUrl } from "@/lib/purchases/payment-link";

const values = {
  purchaseId: "pur_1",
  orderId: "ord_1",
  userId: "usr_1",
  userEmail: "a+b@example.com",
};

describe("payment links", () => {
  it("fills every placeholder, URL-encoded", () => {
    const link =
      "https://pay.example.com/c?p={purchase_id}&o={order_id}&u={user_id}&e={user_email}&e2={user_email}";
    expect(fillPaymentLink(link, values)).toBe(
      "https://pay.example.com/c?p=pur_1&o=ord_1&u=usr_1&e=a%2Bb%40example.com&e2=a%2Bb%40example.com",
    );
  });

  it("leaves links without placeholders and unknown braces alone", () => {
    expect(fillPaymentLink("https://pay.example.com/x?{other}", values)).toBe(
      "https://pay.example.com/x?{other}",
    );
  });

  it("appends the order as client_reference_id to a Stripe Payment Link", () => {
    const url = new URL(stripePaymentLinkUrl("https://buy.stripe.com/test_123", values));
    expect(url.searchParams.get("client_reference_id")).toBe("ord_1");
    expect(url.searchParams.get("prefilled_email")).toBe("a+b@example.com");
  });
});
