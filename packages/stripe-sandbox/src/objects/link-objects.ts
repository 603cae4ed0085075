/**
 * Payment links and billing portal sessions: the two objects whose `url` opens a sandbox page
 * (`/b/<id>` and `/p/session/<id>`) rather than an API resource.
 */
import { newId, type Metadata } from "./objects";

export type AfterCompletion =
  | { type: "hosted_confirmation"; hosted_confirmation: { custom_message: string | null } }
  | { type: "redirect"; redirect: { url: string } };

export interface PaymentLink {
  id: string;
  object: "payment_link";
  active: boolean;
  after_completion: AfterCompletion;
  allow_promotion_codes: boolean;
  billing_address_collection: "auto";
  currency: string;
  customer_creation: "if_required";
  livemode: false;
  metadata: Metadata;
  payment_intent_data: { description: null; metadata: Metadata } | null;
  payment_method_types: null;
  submit_type: "auto";
  subscription_data: {
    description: string | null;
    invoice_settings: { issuer: { type: "self" } };
    metadata: Metadata;
    trial_period_days: null;
    trial_settings: null;
  } | null;
  url: string;
}

export function buildPaymentLink(fields: {
  publicUrl: string;
  currency: string;
  afterCompletion: AfterCompletion;
  metadata: Metadata;
  paymentIntentMetadata: Metadata | null;
  /** Set for a link with a recurring price (it opens subscription-mode sessions). */
  subscriptionData: { metadata: Metadata; description: string | null } | null;
  allowPromotionCodes?: boolean;
}): PaymentLink {
  const id = newId("plink_", 24);
  return {
    id,
    object: "payment_link",
    active: true,
    after_completion: fields.afterCompletion,
    allow_promotion_codes: fields.allowPromotionCodes ?? false,
    billing_address_collection: "auto",
    currency: fields.currency,
    customer_creation: "if_required",
    livemode: false,
    metadata: fields.metadata,
    payment_intent_data: fields.paymentIntentMetadata && {
      description: null,
      metadata: fields.paymentIntentMetadata,
    },
    payment_method_types: null,
    submit_type: "auto",
    subscription_data: fields.subscriptionData && {
      description: fields.subscriptionData.description,
      invoice_settings: { issuer: { type: "self" } },
      metadata: fields.subscriptionData.metadata,
      trial_period_days: null,
      trial_settings: null,
    },
    url: `${fields.publicUrl}/b/${id}`,
  };
}

export interface BillingPortalSession {
  id: string;
  object: "billing_portal.session";
  configuration: string;
  created: number;
  customer: string;
  customer_account: null;
  flow: null;
  livemode: false;
  locale: null;
  on_behalf_of: null;
  return_url: string | null;
  url: string;
}

export function buildPortalSession(fields: {
  publicUrl: string;
  customer: string;
  returnUrl: string | null;
  created: number;
}): BillingPortalSession {
  const id = newId("bps_", 24);
  return {
    id,
    object: "billing_portal.session",
    configuration: "bpc_sandbox",
    created: fields.created,
    customer: fields.customer,
    customer_account: null,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: fields.returnUrl,
    url: `${fields.publicUrl}/p/session/${id}`,
  };
}
