"use client";

import type { FormAction } from "@/lib/http/action-state";
import Link from "next/link";
import { channelLabels } from "@/components/admin/labels";
import { useFormAction } from "@/components/admin/use-form-action";
import {
  Field as InputField,
  SelectField as SelectInput,
  TextAreaField as TextAreaInput,
} from "@/components/ui/field";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { pricingLabel } from "@/lib/format";
import { MAX_TRIAL_DAYS, paymentChannels, pricingTypes } from "@/lib/offerings/schemas";

export type OfferingFormValues = {
  id: string;
  name: string;
  description: string;
  imageUrl: string | null;
  priceAmount: number;
  currency: string;
  pricingType: (typeof pricingTypes)[number];
  accessDurationDays: number | null;
  trialDays: number | null;
  planFamily: string | null;
  channel: (typeof paymentChannels)[number];
  paymentLink: string | null;
  commissionRateBps: number;
  acceptsDiscounts: boolean;
  communityIds: string[];
};

type OfferingFormProps = {
  /** Creates an offering, or updates `offering` when it is given. */
  action: FormAction;
  communities: { id: string; name: string }[];
  /** The offering being edited; without it the form creates a new one. */
  offering?: OfferingFormValues;
};

const placeholderHint =
  "Required for link channels. Placeholders: {purchase_id} {order_id} {user_id} {user_email}. " +
  "For a monthly or yearly Stripe Payment Link, leave it empty: the app creates the link from the offering's Stripe price.";

/** Every field of an offering, for creating one or editing it. */
export function OfferingForm({ action, communities, offering }: OfferingFormProps) {
  const { state, formAction, onSubmit, fieldError } = useFormAction(action);
  const selected = new Set(offering?.communityIds ?? []);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate className="space-y-5">
      {offering ? <input type="hidden" name="offeringId" value={offering.id} /> : null}
      <InputField
        label="Name"
        name="name"
        defaultValue={offering?.name}
        error={fieldError("name")}
      />
      <TextAreaInput
        label="Description"
        name="description"
        defaultValue={offering?.description}
        error={fieldError("description")}
      />
      <InputField
        label="Image URL"
        name="imageUrl"
        type="url"
        placeholder="https://"
        defaultValue={offering?.imageUrl ?? ""}
        hint="An http:// or https:// address."
        error={fieldError("imageUrl")}
      />

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Communities</legend>
        {communities.length === 0 ? (
          <p className="text-sm text-slate-500">
            No communities yet.{" "}
            <Link href="/admin/communities" className="text-indigo-700 underline">
              Create one
            </Link>{" "}
            to grant access with this offering.
          </p>
        ) : (
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            {communities.map((community) => (
              <label key={community.id} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name="communityIds"
                  value={community.id}
                  defaultChecked={selected.has(community.id)}
                  className="size-4 rounded border-slate-300"
                />
                {community.name}
              </label>
            ))}
          </div>
        )}
        {fieldError("communityIds") ? (
          <p className="text-xs text-rose-600">{fieldError("communityIds")}</p>
        ) : null}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-3">
        <InputField
          label="Price (cents)"
          name="priceAmount"
          type="number"
          inputMode="numeric"
          min={0}
          step={1}
          defaultValue={offering?.priceAmount}
          hint="4900 is $49.00."
          error={fieldError("priceAmount")}
        />
        <InputField
          label="Currency"
          name="currency"
          maxLength={3}
          defaultValue={offering?.currency ?? "usd"}
          error={fieldError("currency")}
        />
        <SelectInput
          label="Pricing type"
          name="pricingType"
          defaultValue={offering?.pricingType ?? "ONE_TIME"}
          error={fieldError("pricingType")}
        >
          {pricingTypes.map((type) => (
            <option key={type} value={type}>
              {pricingLabel(type)}
            </option>
          ))}
        </SelectInput>
      </div>

      <div className="grid gap-4 sm:grid-cols-3">
        <InputField
          label="Access duration (days)"
          name="accessDurationDays"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          defaultValue={offering?.accessDurationDays ?? ""}
          hint="Leave empty for access that never expires. Stripe monthly and yearly offerings leave it empty: access lasts while the subscription is paid."
          error={fieldError("accessDurationDays")}
        />
        <InputField
          label="Commission rate (basis points)"
          name="commissionRateBps"
          type="number"
          inputMode="numeric"
          min={0}
          max={10000}
          step={1}
          defaultValue={offering?.commissionRateBps ?? 0}
          hint="100 basis points = 1% of each referred order."
          error={fieldError("commissionRateBps")}
        />
        <InputField
          label="Free trial (days)"
          name="trialDays"
          type="number"
          inputMode="numeric"
          min={0}
          max={MAX_TRIAL_DAYS}
          step={1}
          defaultValue={offering?.trialDays ?? ""}
          hint={`Monthly and yearly offerings through Stripe Embedded Checkout: up to ${MAX_TRIAL_DAYS} days free before the first charge, once per customer. Empty or 0: none.`}
          error={fieldError("trialDays")}
        />
        <InputField
          label="Plan family"
          name="planFamily"
          maxLength={60}
          defaultValue={offering?.planFamily ?? ""}
          hint="Monthly and yearly Stripe offerings with the same family (say “Studio”) are plans a subscriber can switch between from billing. Empty: none."
          error={fieldError("planFamily")}
        />
      </div>

      <SelectInput
        label="Channel"
        name="channel"
        defaultValue={offering?.channel ?? "EXTERNAL_LINK"}
        error={fieldError("channel")}
      >
        {paymentChannels.map((channel) => (
          <option key={channel} value={channel}>
            {channelLabels[channel]}
          </option>
        ))}
      </SelectInput>
      <InputField
        label="Payment link"
        name="paymentLink"
        type="url"
        placeholder="https://pay.example.com/checkout?ref={purchase_id}"
        defaultValue={offering?.paymentLink ?? ""}
        hint={placeholderHint}
        error={fieldError("paymentLink")}
      />
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          name="acceptsDiscounts"
          defaultChecked={offering?.acceptsDiscounts ?? false}
          className="mt-1"
        />
        <span>
          Accept discounted payments
          <span className="block text-xs text-slate-500">
            External payment link: a webhook may report less than the price, down to the price less
            the largest active promotion code for this offering (Admin → Discounts). Stripe channels
            take codes at checkout whatever this says.
          </span>
        </span>
      </label>

      <FormMessage state={state} />
      <SubmitButton pendingText={offering ? "Saving…" : "Creating…"}>
        {offering ? "Save changes" : "Create offering"}
      </SubmitButton>
    </form>
  );
}
