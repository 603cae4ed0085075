import { appUrl } from "@/lib/env";

export function offeringWebhookUrl(offeringId: string): string {
  return `${appUrl()}/webhooks/offerings/${offeringId}`;
}
