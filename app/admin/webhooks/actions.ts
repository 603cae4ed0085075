"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { adminAction } from "@/lib/auth/action-guards";
import { formatDate } from "@/lib/format";
import { replayDelivery } from "@/lib/notifications/replay-delivery";
import { createEndpoint } from "@/lib/notifications/webhooks/create-endpoint";
import { deleteEndpoint } from "@/lib/notifications/webhooks/delete-endpoint";
import { rotateEndpointSecret } from "@/lib/notifications/webhooks/rotate-endpoint-secret";
import {
  createEndpointForm,
  endpointEnabledForm,
  endpointIdForm,
  replayDeliveryForm,
  updateEndpointForm,
} from "@/lib/notifications/webhooks/schemas";
import { sendTestEvent } from "@/lib/notifications/webhooks/send-test-event";
import { setEndpointEnabled } from "@/lib/notifications/webhooks/set-endpoint-enabled";
import { updateEndpoint } from "@/lib/notifications/webhooks/update-endpoint";

const arrayFields = ["eventTypes"];
const keepFields = ["url", "description"];

/** The new secret goes back in the answer only: the page never shows it again. */
export const createEndpointAction = adminAction({
  schema: createEndpointForm,
  arrayFields,
  keepFields,
  run: async (input, { user }) => {
    const endpoint = await createEndpoint({ input, actorId: user.id });
    revalidatePath("/admin/webhooks");
    return {
      status: "success",
      message: "Endpoint added. Copy its signing secret now: it is shown only once.",
      data: { endpointId: endpoint.id, secret: endpoint.secret },
    };
  },
});

export const updateEndpointAction = adminAction({
  schema: updateEndpointForm,
  arrayFields,
  keepFields,
  run: async ({ endpointId, ...input }, { user }) => {
    await updateEndpoint({ endpointId, input, actorId: user.id });
    revalidatePath("/admin/webhooks", "layout");
    return { status: "success", message: "Changes saved." };
  },
});

export const setEndpointEnabledAction = adminAction({
  schema: endpointEnabledForm,
  run: async ({ endpointId, enabled }, { user }) => {
    await setEndpointEnabled({ endpointId, enabled, actorId: user.id });
    revalidatePath("/admin/webhooks", "layout");
    return {
      status: "success",
      message: enabled
        ? "Endpoint turned on."
        : "Endpoint turned off; waiting deliveries canceled.",
    };
  },
});

export const deleteEndpointAction = adminAction({
  schema: endpointIdForm,
  run: async ({ endpointId }, { user }) => {
    await deleteEndpoint({ endpointId, actorId: user.id });
    revalidatePath("/admin/webhooks", "layout");
    redirect("/admin/webhooks?deleted=1");
  },
});

export const rotateEndpointSecretAction = adminAction({
  schema: endpointIdForm,
  run: async ({ endpointId }, { user }) => {
    const rotated = await rotateEndpointSecret({ endpointId, actorId: user.id });
    revalidatePath(`/admin/webhooks/${endpointId}`);
    return {
      status: "success",
      message: `New secret issued; both sign until ${formatDate(rotated.previousSecretExpiresAt)}. Copy it now: it is shown only once.`,
      data: { secret: rotated.secret },
    };
  },
});

export const sendTestEventAction = adminAction({
  schema: endpointIdForm,
  run: async ({ endpointId }, { user }) => {
    const { messageId } = await sendTestEvent({ endpointId, actorId: user.id });
    revalidatePath(`/admin/webhooks/${endpointId}`);
    return {
      status: "success",
      message: `Test event ${messageId} queued: it shows in the log below once sent.`,
    };
  },
});

export const replayDeliveryAction = adminAction({
  schema: replayDeliveryForm,
  run: async ({ deliveryId, endpointId }, { user }) => {
    const { messageId } = await replayDelivery({ deliveryId, actorId: user.id });
    revalidatePath(`/admin/webhooks/${endpointId}`);
    return { status: "success", message: `${messageId} queued to be sent again.` };
  },
});
