import { findDemoOrder, type FindDemoOrderOptions } from "@/lib/demo-provider/demo-checkout";

/** What the demo provider's page shows the buyer: what they pay, and whether it is still open. */
export async function getDemoCheckout(options: FindDemoOrderOptions) {
  const order = await findDemoOrder(options);
  return {
    offeringName: order.offering.name,
    amount: order.amount,
    currency: order.currency,
    status: order.status,
  };
}
