import { appUrl } from "@/lib/env";

/** The absolute addresses on this app that emails link to, from its public URL setting. */
export type AppLinks = {
  community: (communityId: string) => string;
  /** The billing page, whose button opens the payment provider's portal. */
  billing: string;
  account: string;
  referrals: string;
  webhooks: string;
  webhookEndpoint: (endpointId: string) => string;
};

export function appLinks(base: string = appUrl()): AppLinks {
  return {
    community: (communityId) => `${base}/communities/${encodeURIComponent(communityId)}`,
    billing: `${base}/dashboard/billing`,
    account: `${base}/dashboard/account`,
    referrals: `${base}/dashboard/referrals`,
    webhooks: `${base}/admin/webhooks`,
    webhookEndpoint: (endpointId) => `${base}/admin/webhooks/${encodeURIComponent(endpointId)}`,
  };
}
