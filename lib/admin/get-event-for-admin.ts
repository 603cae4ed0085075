import { DEAD_LETTER_ATTEMPTS } from "@/lib/admin/list-events";
import { db } from "@/lib/db";
import { isReplayable } from "@/lib/payments/replay-event";
import { redactSecrets } from "@/lib/redact-secrets";

export type GetEventForAdminOptions = { eventRecordId: string };

/**
 * One recorded event for its admin page: what the provider sent (secrets redacted), how it
 * ended, and what it changed: the purchase it touched with that purchase's orders, and the
 * access it granted or revoked (the trail rows that name this event).
 */
export async function getEventForAdmin({ eventRecordId }: GetEventForAdminOptions) {
  const event = await db.processedEvent.findUnique({ where: { id: eventRecordId } });
  if (!event) return null;
  const [purchase, accessEvents] = await Promise.all([
    event.purchaseId
      ? db.purchase.findUnique({
          where: { id: event.purchaseId },
          select: {
            id: true,
            status: true,
            accessGrantedAt: true,
            expiresAt: true,
            refundedAt: true,
            user: { select: { id: true, email: true } },
            offering: { select: { id: true, name: true } },
            subscription: { select: { id: true, stripeSubscriptionId: true, status: true } },
            orders: {
              orderBy: { createdAt: "asc" },
              select: {
                id: true,
                amount: true,
                currency: true,
                status: true,
                provider: true,
                providerOrderId: true,
                providerInvoiceId: true,
                paidAt: true,
                createdAt: true,
              },
            },
          },
        })
      : null,
    db.accessEvent.findMany({
      where: { eventId: event.id },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        action: true,
        cause: true,
        createdAt: true,
        purchaseId: true,
        user: { select: { id: true, email: true } },
        community: { select: { id: true, name: true } },
      },
    }),
  ]);
  return {
    ...event,
    payload: redactSecrets(event.payload),
    details: redactSecrets(event.details),
    replayable: isReplayable(event.outcome),
    deadLetter: event.outcome === "FAILED" && event.attempts >= DEAD_LETTER_ATTEMPTS,
    purchase,
    accessEvents,
  };
}

export type AdminEventDetail = NonNullable<Awaited<ReturnType<typeof getEventForAdmin>>>;
