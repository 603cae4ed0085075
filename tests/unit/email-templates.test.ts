/** Each email renders from a message's data: its subject, its links (absolute) and its amounts. */
import { describe, expect, it } from "vitest";
import { appLinks } from "@/lib/notifications/emails/app-links";
import { composeEmail, EmailDataError } from "@/lib/notifications/emails/compose-email";
import {
  emailTemplateNames,
  templateForMessageType,
  type EmailTemplateName,
} from "@/lib/notifications/emails/email-templates";
import { sampleMessages } from "@/lib/notifications/emails/sample-messages";

const links = appLinks("https://shop.example.com");

function compose(template: EmailTemplateName, data: Record<string, unknown> = {}) {
  const sample = sampleMessages[template];
  return composeEmail({
    template,
    data: { ...sample.data, ...data },
    createdAt: sample.createdAt,
    links,
  });
}

describe("email templates", () => {
  it("render every template to a subject, HTML and plain text, links absolute", async () => {
    for (const template of emailTemplateNames) {
      const email = await compose(template);
      expect(email.subject.length, template).toBeGreaterThan(0);
      expect(email.html, template).toMatch(/^<!DOCTYPE html/);
      expect(email.text, template).not.toMatch(/<[a-z]/);
      for (const href of email.html.match(/href="[^"]*"/g) ?? [])
        expect(href, template).toMatch(/^href="https:\/\/shop\.example\.com\//);
    }
  });

  it("receipt: you're in, the amount paid, and a link to each community on this app", async () => {
    const email = await compose("receipt");
    expect(email.subject).toBe("You're in: Founders Membership");
    expect(email.text).toContain("We received your payment of $49.00.");
    expect(email.text).toContain(
      "Founders Circle https://shop.example.com/communities/community_sample_circle",
    );
    expect(email.html).toContain(
      'href="https://shop.example.com/communities/community_sample_lab"',
    );
    expect(email.text).toContain("Your access lasts until March 4, 2028.");
    const yen = await compose("receipt", { amount: 5000, currency: "jpy" });
    expect(yen.text).toContain("We received your payment of ¥5,000.");
  });

  it("payment failed: links to the billing page, which opens the portal", async () => {
    const email = await compose("payment-failed");
    expect(email.subject).toBe("Your payment for Studio Monthly failed");
    expect(email.text).toContain(
      "We could not take the payment for your Studio Monthly subscription. Your card was declined.",
    );
    expect(email.text).toContain(
      "Update payment method https://shop.example.com/dashboard/billing",
    );
    expect(email.text).toContain("Your access continues until March 11, 2027.");
  });

  it("subscription canceled: ending on a date, or ended", async () => {
    expect((await compose("subscription-canceled")).subject).toBe(
      "Your Studio Monthly subscription ends on March 31, 2027",
    );
    const ended = await compose("subscription-canceled", {
      status: "canceled",
      cancelAtPeriodEnd: false,
      endsAt: "2027-03-04T09:00:00.000Z",
    });
    expect(ended.subject).toBe("Your Studio Monthly subscription has been canceled");
    expect(ended.text).toContain("ended on March 4, 2027");
  });

  it("refund, commissions and the admins' emails say their amounts and names", async () => {
    expect((await compose("refund-confirmed")).subject).toBe(
      "Refund confirmed: $49.00 for Founders Membership",
    );
    const earned = await compose("commission-earned");
    expect(earned.subject).toBe("You earned a $9.80 commission");
    expect(earned.text).toContain(
      "Turn commission emails off https://shop.example.com/dashboard/account",
    );
    expect((await compose("commission-paid")).subject).toBe("Your $9.80 commission has been paid");
    const disabled = await compose("endpoint-disabled");
    expect(disabled.subject).toBe("Webhook endpoint disabled: https://hooks.example.com/offerings");
    expect(disabled.text).toContain("https://shop.example.com/admin/webhooks/endpoint_sample");
    const digest = await compose("dead-letter-digest");
    expect(digest.subject).toBe("2 outgoing deliveries failed for good since yesterday");
    expect(digest.text).toContain("550 mailbox unavailable");
  });

  it("escapes what the data says: a name cannot add markup", async () => {
    const email = await compose("receipt", {
      offering: { id: "o", name: '<img src=x onerror="alert(1)">' },
    });
    expect(email.html).not.toContain("<img src=x");
    expect(email.html).toContain("&lt;img");
  });

  it("refuses data that lacks what the template needs", async () => {
    await expect(compose("receipt", { communities: "none" })).rejects.toThrow(EmailDataError);
  });

  it("maps each emailed message type to its one template", () => {
    expect(templateForMessageType("purchase.completed")).toBe("receipt");
    expect(templateForMessageType("subscription.past_due")).toBe("payment-failed");
    expect(templateForMessageType("commission.paid")).toBe("commission-paid");
    expect(templateForMessageType("dead_letters.digest")).toBe("dead-letter-digest");
    expect(templateForMessageType("access.granted")).toBeNull();
  });
});
