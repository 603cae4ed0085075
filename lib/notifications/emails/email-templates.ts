/**
 * Every email the outbox sends: which message type it answers, who gets it, its subject and its
 * React Email component, and how its props are read from the message's frozen `data`. The email
 * channel plans and sends from this table; /admin/emails previews it.
 */
import type { ReactElement } from "react";
import type { z } from "zod";
import type { OutboxMessageType } from "@/lib/outbox/event-types";
import type { AppLinks } from "@/lib/notifications/emails/app-links";
import {
  commissionData,
  deadLettersDigestData,
  endpointDisabledData,
  purchaseCompletedData,
  purchaseRefundedData,
  subscriptionCanceledData,
  subscriptionPastDueData,
} from "@/lib/notifications/emails/message-data";
import {
  CommissionEarnedEmail,
  commissionEarnedSubject,
} from "@/lib/notifications/emails/templates/commission-earned";
import {
  CommissionPaidEmail,
  commissionPaidSubject,
} from "@/lib/notifications/emails/templates/commission-paid";
import {
  DeadLetterDigestEmail,
  deadLetterDigestSubject,
} from "@/lib/notifications/emails/templates/dead-letter-digest";
import {
  EndpointDisabledEmail,
  endpointDisabledSubject,
} from "@/lib/notifications/emails/templates/endpoint-disabled";
import {
  PaymentFailedEmail,
  paymentFailedSubject,
} from "@/lib/notifications/emails/templates/payment-failed";
import { ReceiptEmail, receiptSubject } from "@/lib/notifications/emails/templates/receipt";
import {
  RefundConfirmedEmail,
  refundConfirmedSubject,
} from "@/lib/notifications/emails/templates/refund-confirmed";
import {
  SubscriptionCanceledEmail,
  subscriptionCanceledSubject,
} from "@/lib/notifications/emails/templates/subscription-canceled";

/**
 * Who gets a message's email: the buyer (`data.user`), the referrer (`data.beneficiary`, only
 * while their commission emails are on), or every admin.
 */
export type EmailAudience = "buyer" | "referrer" | "admins";

/** What a template's props are read with: the message's time, and the app's links. */
export type EmailContext = { links: AppLinks; createdAt: Date };

export type EmailTemplate<Data extends z.ZodType, Props> = {
  /** Shown on /admin/emails. */
  label: string;
  messageType: OutboxMessageType;
  audience: EmailAudience;
  /** The fields of the message's `data` it reads. */
  data: Data;
  props: (data: z.infer<Data>, context: EmailContext) => Props;
  subject: (props: Props) => string;
  Component: (props: Props) => ReactElement;
};

function template<Data extends z.ZodType, Props>(definition: EmailTemplate<Data, Props>) {
  return definition;
}

export const emailTemplates = {
  receipt: template({
    label: "Receipt (you're in)",
    messageType: "purchase.completed",
    audience: "buyer",
    data: purchaseCompletedData,
    props: (data, { links }) => ({
      offeringName: data.offering.name,
      amount: data.amount,
      currency: data.currency,
      communities: data.communities.map((community) => ({
        name: community.name,
        url: links.community(community.id),
      })),
      accessEndsAt: data.accessEndsAt ?? null,
      billingUrl: links.billing,
    }),
    subject: receiptSubject,
    Component: ReceiptEmail,
  }),
  "payment-failed": template({
    label: "Payment failed",
    messageType: "subscription.past_due",
    audience: "buyer",
    data: subscriptionPastDueData,
    props: (data, { links }) => ({
      offeringName: data.offering.name,
      reason: data.paymentFailure ?? null,
      // Access runs to the end of the period paid for.
      periodEnd: data.paidThrough ?? data.currentPeriodEnd ?? null,
      billingPortalUrl: links.billing,
    }),
    subject: paymentFailedSubject,
    Component: PaymentFailedEmail,
  }),
  "subscription-canceled": template({
    label: "Subscription canceled or ending",
    messageType: "subscription.canceled",
    audience: "buyer",
    data: subscriptionCanceledData,
    props: ({ offering, status, endsAt = null }, { links, createdAt }) => ({
      offeringName: offering.name,
      endsAt,
      ended: status === "canceled" || (endsAt !== null && endsAt <= createdAt),
      billingUrl: links.billing,
    }),
    subject: subscriptionCanceledSubject,
    Component: SubscriptionCanceledEmail,
  }),
  "refund-confirmed": template({
    label: "Refund confirmed",
    messageType: "purchase.refunded",
    audience: "buyer",
    data: purchaseRefundedData,
    props: (data, { links }) => ({
      offeringName: data.offering.name,
      amount: data.amount,
      currency: data.currency,
      billingUrl: links.billing,
    }),
    subject: refundConfirmedSubject,
    Component: RefundConfirmedEmail,
  }),
  "commission-earned": template({
    label: "Commission earned",
    messageType: "commission.earned",
    audience: "referrer",
    data: commissionData,
    props: ({ amount, currency, level, offering }, { links }) => ({
      amount,
      currency,
      level,
      offeringName: offering?.name ?? null,
      referralsUrl: links.referrals,
      preferencesUrl: links.account,
    }),
    subject: commissionEarnedSubject,
    Component: CommissionEarnedEmail,
  }),
  "commission-paid": template({
    label: "Commission paid",
    messageType: "commission.paid",
    audience: "referrer",
    data: commissionData,
    props: ({ amount, currency, offering }, { links }) => ({
      amount,
      currency,
      offeringName: offering?.name ?? null,
      referralsUrl: links.referrals,
      preferencesUrl: links.account,
    }),
    subject: commissionPaidSubject,
    Component: CommissionPaidEmail,
  }),
  "endpoint-disabled": template({
    label: "Webhook endpoint disabled (admins)",
    messageType: "endpoint.disabled",
    audience: "admins",
    data: endpointDisabledData,
    props: (endpoint, { links }) => ({
      url: endpoint.url,
      description: endpoint.description,
      reason: endpoint.reason ?? null,
      disabledAt: endpoint.disabledAt ?? null,
      endpointUrl: links.webhookEndpoint(endpoint.endpointId),
    }),
    subject: endpointDisabledSubject,
    Component: EndpointDisabledEmail,
  }),
  "dead-letter-digest": template({
    label: "Dead-letter digest (admins, daily)",
    messageType: "dead_letters.digest",
    audience: "admins",
    data: deadLettersDigestData,
    props: (data, { links }) => ({
      since: data.since,
      until: data.until,
      total: data.total,
      deliveries: data.deliveries.map((delivery) => ({
        type: delivery.type,
        channel: delivery.channel,
        destination: delivery.destination,
        attempts: delivery.attempts,
        lastError: delivery.lastError ?? null,
      })),
      webhooksUrl: links.webhooks,
    }),
    subject: deadLetterDigestSubject,
    Component: DeadLetterDigestEmail,
  }),
};

export type EmailTemplateName = keyof typeof emailTemplates;

export const emailTemplateNames = Object.keys(emailTemplates) as EmailTemplateName[];

export function isEmailTemplateName(name: string): name is EmailTemplateName {
  return Object.hasOwn(emailTemplates, name);
}

/** The template a message type is sent with, if any (one email per message type). */
export function templateForMessageType(type: string): EmailTemplateName | null {
  return emailTemplateNames.find((name) => emailTemplates[name].messageType === type) ?? null;
}
