import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { OfferingImage } from "@/components/offerings/offering-image";
import { PriceTag } from "@/components/offerings/price-tag";
import { getActiveOffering } from "@/lib/offerings/list-offerings";
import { pageId } from "@/lib/http/or-not-found";

export const dynamic = "force-dynamic";

export default async function OfferingPage({ params }: { params: Promise<{ id: string }> }) {
  const offering = await getActiveOffering(pageId((await params).id));
  if (!offering) notFound();
  return (
    <Card className="mx-auto max-w-2xl space-y-5">
      <OfferingImage src={offering.imageUrl} alt={offering.name} />
      <h1 className="text-2xl font-bold">{offering.name}</h1>
      <PriceTag {...offering} />
      <p className="whitespace-pre-line text-slate-700">{offering.description}</p>
      {offering.communities.length > 0 ? (
        <div>
          <h2 className="text-sm font-semibold text-slate-700">Gives you access to</h2>
          <ul className="mt-2 list-inside list-disc text-sm text-slate-600">
            {offering.communities.map((community) => (
              <li key={community.id}>
                <Link
                  className="text-indigo-700 hover:underline"
                  href={`/communities/${community.id}`}
                >
                  {community.name}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ButtonLink href={`/offerings/${offering.id}/checkout`}>Get Started</ButtonLink>
    </Card>
  );
}
