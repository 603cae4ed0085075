import { describeCommissionChange } from "@/lib/commissions/list-commission-changes";
import { formatMoney } from "@/lib/money";

type Details = Record<string, unknown>;

function asDetails(details: unknown): Details {
  return details && typeof details === "object" && !Array.isArray(details)
    ? (details as Details)
    : {};
}

/** "key: value, …" for details no description below knows about. */
function listDetails(details: Details): string {
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
}

/** One line a person can read for an audit entry; unknown actions show their details. */
export function describeAuditEntry(action: string, rawDetails: unknown): string {
  const details = asDetails(rawDetails);
  switch (action) {
    case "purchase.refund": {
      const { amount, currency, provider } = details;
      const money =
        typeof amount === "number" && typeof currency === "string"
          ? formatMoney(amount, currency)
          : "the payment";
      return `Refunded ${money}${typeof provider === "string" ? ` (${provider.toLowerCase()})` : ""}`;
    }
    case "offering.archive":
      return "Archived the offering";
    case "offering.restore":
      return "Restored the offering to the catalog";
    case "offering.rotate_secret":
      return "Rotated the webhook secret; the previous one works for 24 hours";
    case "settings.stripe.update": {
      const changed = Array.isArray(details.changed) ? details.changed.join(", ") : "";
      return `Changed the Stripe settings${changed ? `: ${changed}` : ""}`;
    }
    case "event.replay": {
      const { before, outcome, replayed } = details;
      const word = (value: unknown) => String(value ?? "").toLowerCase();
      return replayed === false
        ? `Replayed an event that had already ended ${word(outcome)}: nothing changed`
        : `Replayed a ${word(before)} event: ${word(outcome)} now`;
    }
    case "stripe.reconcile": {
      const fixed = Array.isArray(details.fixed) ? details.fixed : [];
      const since = typeof details.since === "string" ? details.since.slice(0, 10) : "?";
      return `Reconciled with Stripe since ${since}: ${fixed.length === 0 ? "nothing to fix" : `fixed ${fixed.join(", ")}`}`;
    }
    case "webhook_endpoint.create":
      return `Added the webhook endpoint ${String(details.url ?? "")}${details.enabled === false ? " (off)" : ""}`;
    case "webhook_endpoint.update":
      return `Changed the webhook endpoint: ${String(details.url ?? "")}`;
    case "webhook_endpoint.enable":
      return "Turned the webhook endpoint on";
    case "webhook_endpoint.disable":
      return "Turned the webhook endpoint off";
    case "webhook_endpoint.delete":
      return `Deleted the webhook endpoint ${String(details.url ?? "")}`;
    case "webhook_endpoint.rotate_secret":
      return "Rotated the endpoint's signing secret; the previous one signs for 24 hours";
    case "webhook_endpoint.send_test":
      return `Sent a test event (${String(details.messageId ?? "")})`;
    case "outbox.replay":
      return `Replayed a ${String(details.before ?? "").toLowerCase()} ${String(details.channel ?? "").toLowerCase()} delivery`;
    case "discount.create":
      return `Created the promotion code ${String(details.code ?? "")}`;
    case "discount.activate":
      return `Turned the promotion code ${String(details.code ?? "")} on`;
    case "discount.deactivate":
      return `Turned the promotion code ${String(details.code ?? "")} off`;
    case "commission.approve":
    case "commission_rules.update":
    case "commissions.mark_paid":
      return describeCommissionChange(action, rawDetails);
    default:
      return listDetails(details);
  }
}
