"use server";

import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/auth/action-guards";
import { createDiscount } from "@/lib/discounts/create-discount";
import { discountActiveForm, discountInput } from "@/lib/discounts/schemas";
import { setDiscountActive } from "@/lib/discounts/set-discount-active";

export const createDiscountAction = adminAction({
  schema: discountInput,
  arrayFields: ["offeringIds"],
  run: async (input, { user }) => {
    const discount = await createDiscount({ input, actorId: user.id });
    revalidatePath("/admin/discounts");
    return { status: "success", message: `Promotion code ${discount.code} created.` };
  },
});

export const setDiscountActiveAction = adminAction({
  schema: discountActiveForm,
  run: async ({ discountId, active }, { user }) => {
    await setDiscountActive({ discountId, active, actorId: user.id });
    revalidatePath("/admin/discounts");
    return { status: "success", message: active ? "Code turned on." : "Code turned off." };
  },
});
