import { db } from "@/lib/db";
import { appUrl, getEnv } from "@/lib/env";
import { stripeSandboxUrl } from "@/lib/stripe/client";
import { handledStripeEventTypes } from "@/lib/stripe/event-types";
import { readStripeSettings } from "@/lib/stripe/settings";
import {
  STRIPE_WEBHOOK_STATUS_KEY,
  stripeWebhookStatus,
  type StripeSettingField,
} from "@/lib/settings/schemas";

/** Where a value in effect comes from; the value itself is only ever shown masked. */
export type StripeSettingView = {
  source: "database" | "environment" | "none";
  masked: string | null;
};

export type StripeIntegrationView = {
  fields: Record<StripeSettingField, StripeSettingView>;
  /** The replaced webhook secret while it is still accepted. */
  previousWebhookSecret: { masked: string; acceptedUntil: Date } | null;
  endpointUrl: string;
  eventTypes: string[];
  lastVerifiedEvent: { type: string; outcome: string; receivedAt: Date } | null;
  lastSignatureFailureAt: Date | null;
  /** The sandbox's URL when it stands in for Stripe: its events are signed with the launcher's secret. */
  sandboxUrl: string | null;
};

/** `whsec_…abcd`: the kind of value and its last 4 characters, never more. */
export function maskSecret(value: string): string {
  const prefix = /^[a-z]+_(?:(?:test|live)_)?/.exec(value)?.[0] ?? "";
  return `${prefix}…${value.slice(-4)}`;
}

function view(saved: string | null, fromEnvironment: string | undefined): StripeSettingView {
  if (saved !== null) return { source: "database", masked: maskSecret(saved) };
  if (fromEnvironment) return { source: "environment", masked: maskSecret(fromEnvironment) };
  return { source: "none", masked: null };
}

/**
 * What Settings → Integrations shows: each value masked with where it comes from, the endpoint
 * to paste into Stripe with the events to select, and how the last deliveries went.
 */
export async function getStripeIntegration(now = new Date()): Promise<StripeIntegrationView> {
  const env = getEnv();
  const [settings, lastVerifiedEvent, status] = await Promise.all([
    readStripeSettings(),
    db.processedEvent.findFirst({
      where: { provider: "stripe" },
      orderBy: { receivedAt: "desc" },
      select: { type: true, outcome: true, receivedAt: true },
    }),
    db.setting.findUnique({ where: { key: STRIPE_WEBHOOK_STATUS_KEY }, select: { value: true } }),
  ]);
  const { lastSignatureFailureAt } = stripeWebhookStatus.parse(status?.value ?? {});
  const { previousWebhookSecret: previous, previousSecretExpiresAt: until } = settings;
  return {
    fields: {
      webhookSecret: view(settings.webhookSecret, env.STRIPE_WEBHOOK_SECRET),
      secretKey: view(settings.secretKey, env.STRIPE_SECRET_KEY),
      publishableKey: view(settings.publishableKey, env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY),
    },
    previousWebhookSecret:
      previous && until && until > now
        ? { masked: maskSecret(previous), acceptedUntil: until }
        : null,
    endpointUrl: `${appUrl()}/api/webhooks/stripe`,
    eventTypes: [...handledStripeEventTypes],
    lastVerifiedEvent: lastVerifiedEvent
      ? { ...lastVerifiedEvent, outcome: lastVerifiedEvent.outcome.toLowerCase() }
      : null,
    lastSignatureFailureAt: lastSignatureFailureAt ? new Date(lastSignatureFailureAt) : null,
    sandboxUrl: stripeSandboxUrl(),
  };
}
