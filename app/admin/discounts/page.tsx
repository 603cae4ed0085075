import type { Metadata } from "next";
import { createDiscountAction, setDiscountActiveAction } from "@/app/admin/discounts/actions";
import { DiscountForm } from "@/components/admin/discount-form";
import { DiscountsTable } from "@/components/admin/discounts-table";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listDiscountableOfferings, listDiscounts } from "@/lib/discounts/list-discounts";

export const metadata: Metadata = { title: "Discounts" };

export default async function AdminDiscountsPage() {
  await requireAdminPage("/admin/discounts");
  const [discounts, offerings] = await Promise.all([listDiscounts(), listDiscountableOfferings()]);
  return (
    <div className="space-y-10">
      <section>
        <PageTitle description="Promotion codes buyers type at checkout. Each is a Stripe Coupon and Promotion Code; external-link offerings take them only where “Accept discounted payments” is on.">
          Discounts
        </PageTitle>
        {discounts.length === 0 ? (
          <p className="text-sm text-slate-600">No promotion codes yet. Create the first below.</p>
        ) : (
          <DiscountsTable discounts={discounts} action={setDiscountActiveAction} />
        )}
      </section>
      <Card>
        <h2 className="mb-4 text-lg font-semibold">New promotion code</h2>
        <DiscountForm action={createDiscountAction} offerings={offerings} />
      </Card>
    </div>
  );
}
