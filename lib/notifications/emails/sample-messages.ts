/**
 * One made-up message per email, shaped as the dispatcher stores `data` (JSON: dates as ISO
 * strings). /admin/emails renders these, so a preview goes through the same path as a real send.
 */
import type { EmailTemplateName } from "@/lib/notifications/emails/email-templates";

export type SampleMessage = { createdAt: Date; data: Record<string, unknown> };

const createdAt = new Date("2027-03-04T09:30:00.000Z");
const buyer = { id: "user_sample_buyer", email: "ada@example.com" };
const offering = { id: "offering_sample", name: "Founders Membership" };

export const sampleMessages: Record<EmailTemplateName, SampleMessage> = {
  receipt: {
    createdAt,
    data: {
      user: buyer,
      offering,
      communities: [
        { id: "community_sample_circle", name: "Founders Circle" },
        { id: "community_sample_lab", name: "Build Lab" },
      ],
      purchase: { id: "purchase_sample", accessEndsAt: "2028-03-04T09:30:00.000Z" },
      amount: 4900,
      currency: "usd",
    },
  },
  "payment-failed": {
    createdAt,
    data: {
      user: buyer,
      offering: { id: "offering_sample_monthly", name: "Studio Monthly" },
      subscription: {
        id: "subscription_sample",
        status: "past_due",
        currentPeriodEnd: "2027-03-11T09:30:00.000Z",
        cancelAtPeriodEnd: false,
      },
      amount: 1900,
      currency: "usd",
    },
  },
  "subscription-canceled": {
    createdAt,
    data: {
      user: buyer,
      offering: { id: "offering_sample_monthly", name: "Studio Monthly" },
      subscription: {
        id: "subscription_sample",
        status: "active",
        currentPeriodEnd: "2027-03-31T09:30:00.000Z",
        cancelAtPeriodEnd: true,
      },
    },
  },
  "refund-confirmed": {
    createdAt,
    data: {
      user: buyer,
      offering,
      purchase: { id: "purchase_sample" },
      amount: 4900,
      currency: "usd",
    },
  },
  "commission-earned": {
    createdAt,
    data: {
      referrer: { id: "user_sample_referrer" },
      commission: {
        id: "commission_sample",
        kind: "EARNING",
        amount: 980,
        currency: "usd",
        level: 1,
      },
      offering,
    },
  },
  "commission-paid": {
    createdAt,
    data: {
      referrer: { id: "user_sample_referrer" },
      commission: {
        id: "commission_sample",
        kind: "EARNING",
        amount: 980,
        currency: "usd",
        level: 1,
      },
      offering,
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
