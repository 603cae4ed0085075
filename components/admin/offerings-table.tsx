import Link from "next/link";
import { channelLabels } from "@/components/admin/labels";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatMoney, pricingLabel } from "@/lib/format";
import type { AdminOfferingRow as OfferingRow } from "@/lib/offerings/list-offerings";

/** Every offering, active first; each name opens its admin page. */
export function OfferingsTable({ offerings }: { offerings: OfferingRow[] }) {
  if (offerings.length === 0) {
    return <p className="text-sm text-slate-600">No offerings yet. Create the first one below.</p>;
  }
  return (
    <Table label="Offerings">
      <thead className="bg-slate-50">
        <tr>
          <Th>Name</Th>
          <Th>Price</Th>
          <Th>Channel</Th>
          <Th>Purchases</Th>
          <Th>Status</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {offerings.map((offering) => (
          <tr key={offering.id} data-testid="offering-row">
            <Td>
              <Link
                href={`/admin/offerings/${offering.id}`}
                className="font-medium text-indigo-700 hover:underline"
              >
                {offering.name}
              </Link>
              {offering.description ? (
                <p className="mt-1 line-clamp-2 max-w-md text-xs text-slate-500">
                  {offering.description}
                </p>
              ) : null}
            </Td>
            <Td>
              {formatMoney(offering.priceAmount, offering.currency)}
              <span className="block text-xs text-slate-500">
                {pricingLabel(offering.pricingType)}
              </span>
            </Td>
            <Td>{channelLabels[offering.channel]}</Td>
            <Td>{offering._count.purchases}</Td>
            <Td>
              <StatusBadge status={offering.archivedAt ? "ARCHIVED" : "ACTIVE"} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
