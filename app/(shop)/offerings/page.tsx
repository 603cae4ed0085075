import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { OfferingImage } from "@/components/offerings/offering-image";
import { PriceTag } from "@/components/offerings/price-tag";
import { listActiveOfferings } from "@/lib/offerings/list-offerings";

export const dynamic = "force-dynamic";
export const metadata = { title: "Catalog" };

export default async function OfferingsPage() {
  const offerings = await listActiveOfferings();
  return (
    <>
      <PageTitle description="Courses, communities and memberships.">Catalog</PageTitle>
      {offerings.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">Nothing is on sale yet. Admins add offerings in the admin panel.</p>
        </Card>
      ) : (
        <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {offerings.map((offering) => (
            <li key={offering.id}>
              <Link href={`/offerings/${offering.id}`} className="block h-full">
                <Card className="h-full space-y-3 transition hover:ring-indigo-300">
                  <OfferingImage src={offering.imageUrl} alt={offering.name} />
                  <h2 className="text-lg font-semibold">{offering.name}</h2>
                  <p className="line-clamp-3 whitespace-pre-line text-sm text-slate-600">{offering.description}</p>
                  <PriceTag {...offering} />
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
