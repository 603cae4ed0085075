/**
 * The catalog, served at `/offerings` (a rewrite in next.config.ts) from Next's cache: rendered on
 * its first request and again after an admin's save expires it (lib/offerings/catalog-cache.ts).
 * It reads nothing about the visitor, so every visitor gets the same page; the signed-in parts of
 * the header load in the browser (components/layout/account-links.tsx).
 */
import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { OfferingImage } from "@/components/offerings/offering-image";
import { PriceTag } from "@/components/offerings/price-tag";
import { listActiveOfferings } from "@/lib/offerings/list-offerings";

// Another instance's save reaches this one's copy within this many seconds (then a request
// refreshes it in the background; next.config.ts's expireTime bounds how stale it can be served).
export const revalidate = 30;
export const metadata = { title: "Catalog" };

/** None at build time (no database there): the one edition is rendered on its first request. */
export function generateStaticParams(): Array<{ edition: string }> {
  return [];
}

export default async function CatalogPage({ params }: { params: Promise<{ edition: string }> }) {
  if ((await params).edition !== "current") notFound();
  const offerings = await listActiveOfferings();
  return (
    <>
      <PageTitle description="Courses, communities and memberships.">Catalog</PageTitle>
      {offerings.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">
            Nothing is on sale yet. Admins add offerings in the admin panel.
          </p>
        </Card>
      ) : (
        <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
          {offerings.map((offering) => (
            <li key={offering.id}>
              {/* The name's link stretches over the whole card (after:inset-0), and Get Started
                  sits above it, so the card is clickable without a link inside a link. */}
              <Card
                data-testid="offering-card"
                className="relative flex h-full flex-col gap-3 transition hover:ring-indigo-300"
              >
                <OfferingImage src={offering.imageUrl} alt="" />
                <h2 id={`offering-${offering.id}-name`} className="text-lg font-semibold">
                  <Link
                    href={`/offerings/${offering.id}`}
                    className="after:absolute after:inset-0 after:rounded-lg hover:text-indigo-700"
                  >
                    {offering.name}
                  </Link>
                </h2>
                <p className="line-clamp-3 whitespace-pre-line text-sm text-slate-600">
                  {offering.description}
                </p>
                <PriceTag {...offering} />
                <ButtonLink
                  href={`/offerings/${offering.id}/checkout`}
                  aria-describedby={`offering-${offering.id}-name`}
                  className="relative z-10 mt-auto self-start"
                >
                  Get Started
                </ButtonLink>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
