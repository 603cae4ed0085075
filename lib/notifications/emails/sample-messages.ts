/**
 * One made-up message per email, shaped as the dispatcher stores `data` (lib/outbox/catalogue.ts;
 * JSON, dates as ISO strings). /admin/emails renders these, so a preview goes through the same
 * path as a real send.
 */
import type { EmailTemplateName } from "@/lib/notifications/emails/email-templates";

export type SampleMessage = { createdAt: Date; data: Record<string, unknown> };

const createdAt = new Date("2027-03-04T09:30:00.000Z");
const buyer = { id: "user_sample_buyer", email: "ada@example.com" };
const offering = { id: "offering_sample", name: "Founders Membership" };

const community = (id: string, name: string) => ({
  id,
  name,
  url: `http://localhost:3000/communities/${id}`,
});
const monthly = { id: "offering_sample_monthly", name: "Studio Monthly" };
const subscription = {
  subscriptionId: "subscription_sample",
  purchaseId: "purchase_sample_monthly",
  user: buyer,
  offering: monthly,
  cancelAtPeriodEnd: false,
  currentPeriodEnd: "2027-03-31T09:30:00.000Z",
  billingUrl: "http://localhost:3000/dashboard/billing",
};
const commission = {
  commissionId: "commission_sample",
  orderId: "order_sample",
  level: 1,
  beneficiary: { id: "user_sample_referrer", email: "grace@example.com" },
  offering,
  amount: 980,
  currency: "usd",
};

export const sampleMessages: Record<EmailTemplateName, SampleMessage> = {
  receipt: {
    createdAt,
    data: {
      purchaseId: "purchase_sample",
      orderId: "order_sample",
      subscriptionId: null,
      user: buyer,
      offering: { ...offering, pricingType: "one_time" },
      communities: [
        community("community_sample_circle", "Founders Circle"),
        community("community_sample_lab", "Build Lab"),
      ],
      amount: 4900,
      currency: "usd",
      completedAt: createdAt.toISOString(),
      accessEndsAt: "2028-03-04T09:30:00.000Z",
    },
  },
  "payment-failed": {
    createdAt,
    data: {
      ...subscription,
      status: "past_due",
      paidThrough: "2027-03-11T09:30:00.000Z",
      paymentFailure: "Your card was declined.",
    },
  },
  "subscription-canceled": {
    createdAt,
    data: {
      ...subscription,
      status: "active",
      cancelAtPeriodEnd: true,
      canceledAt: createdAt.toISOString(),
      endsAt: "2027-03-31T09:30:00.000Z",
    },
  },
  "refund-confirmed": {
    createdAt,
    data: {
      purchaseId: "purchase_sample",
      orderIds: ["order_sample"],
      subscriptionId: null,
      user: buyer,
      offering,
      communities: [community("community_sample_circle", "Founders Circle")],
      amount: 4900,
      currency: "usd",
      refundedAt: createdAt.toISOString(),
    },
  },
  "commission-earned": {
    createdAt,
    data: { ...commission, rateBps: 2000, earnedAt: createdAt.toISOString() },
  },
  "commission-paid": {
    createdAt,
    data: {
      ...commission,
      kind: "earning",
      payoutId: "payout_sample",
      payoutReference: "PAYOUT-2027-03",
      paidAt: createdAt.toISOString(),
    },
  },
  "endpoint-disabled": {
    createdAt,
    data: {
      endpointId: "endpoint_sample",
      url: "https://hooks.example.com/offerings",
      description: "Discord bot",
      reason: "every attempt failed for 5 days",
      disabledAt: createdAt.toISOString(),
    },
  },
  "dead-letter-digest": {
    createdAt,
    data: {
      since: "2027-03-03T09:30:00.000Z",
      until: createdAt.toISOString(),
      total: 2,
      deliveries: [
        {
          deliveryId: "delivery_sample_1",
          messageId: "msg_sample_1",
          type: "purchase.completed",
          channel: "WEBHOOK",
          destination: "https://hooks.example.com/offerings",
          attempts: 9,
          lastError: "HTTP 500",
          diedAt: "2027-03-04T02:10:00.000Z",
        },
        {
          deliveryId: "delivery_sample_2",
          messageId: "msg_sample_2",
          type: "purchase.completed",
          channel: "EMAIL",
          destination: "ada@example.com",
          attempts: 9,
          lastError: "550 mailbox unavailable",
          diedAt: "2027-03-04T04:45:00.000Z",
        },
      ],
    },
  },
};
