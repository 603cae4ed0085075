import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/lib/format";
import type { listReferredPeople } from "@/lib/referrals/list-referred-people";

type People = Awaited<ReturnType<typeof listReferredPeople>>;

/** The buyers a referrer brought, with addresses masked. */
export function ReferredPeopleTable({ people }: { people: People }) {
  if (people.length === 0) {
    return <p className="text-sm text-slate-600">Nobody has bought through your link yet.</p>;
  }
  return (
    <Table label="People you referred">
      <thead className="bg-slate-50">
        <tr>
          <Th>Person</Th>
          <Th>First purchase</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {people.map((person) => (
          <tr key={person.userId} data-testid="referred-person">
            <Td>{person.maskedEmail}</Td>
            <Td>
              <span className="whitespace-nowrap">{formatDate(person.firstPurchaseAt)}</span>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
