import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * A way a message leaves the app: webhook endpoints or email. The dispatcher asks each channel
 * which deliveries a message needs (`plan`, in the dispatch transaction), and the deliverer hands
 * it each claimed delivery to send (`deliver`, outside any transaction).
 */
export type OutboxChannelName = "WEBHOOK" | "EMAIL";

/** A message as the channels see it, its payload already built and frozen. */
export type DispatchedMessage = {
  id: string;
  type: string;
  version: number;
  createdAt: Date;
  data: Record<string, unknown>;
};

/** One delivery a message needs: an endpoint, or an email to one recipient with one template. */
export type PlannedDelivery =
  | { channel: "WEBHOOK"; endpointId: string }
  | { channel: "EMAIL"; recipient: string; template: string };

/** A delivery taken by this worker, with the attempt number it is about to make (1 = first). */
export type ClaimedDelivery = {
  id: string;
  channel: OutboxChannelName;
  endpointId: string | null;
  recipient: string | null;
  template: string | null;
  attempt: number;
  message: DispatchedMessage;
  /**
   * A webhook delivery's endpoint as it was when claimed (read in the claim's statement); null
   * when it is gone, and for an email.
   */
  endpoint: ClaimedEndpoint | null;
};

export type ClaimedEndpoint = {
  id: string;
  url: string;
  enabled: boolean;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  failingSince: Date | null;
};

/** What one attempt got: recorded as an OutboxAttempt and decides the delivery's next state. */
export type AttemptOutcome = {
  ok: boolean;
  /** Our id for this attempt (sent to the receiver, shown in the log). */
  requestId: string;
  /** The receiver's HTTP status; none when no answer came. */
  status?: number;
  error?: string;
  latencyMs: number;
  /** The first 4 KB of the answer. */
  responseExcerpt?: string;
  /** Don't retry (a 410 disables the endpoint at once; the endpoint is gone or off). */
  final?: boolean;
};

export type Channel = {
  name: OutboxChannelName;
  plan(tx: Prisma.TransactionClient, message: DispatchedMessage): Promise<PlannedDelivery[]>;
  deliver(delivery: ClaimedDelivery): Promise<AttemptOutcome>;
};
