import Link from "next/link";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { currentUser } from "@/lib/auth/session";
import { getCommunityForViewer } from "@/lib/communities/get-community-for-viewer";
import { pageId } from "@/lib/http/or-not-found";

export default async function CommunityPage({ params }: { params: Promise<{ id: string }> }) {
  const id = pageId((await params).id);
  const user = await currentUser();
  const community = await getCommunityForViewer({ communityId: id, userId: user?.id ?? null });
  if (!community) notFound();

  return (
    <Card className="mx-auto max-w-2xl space-y-4">
      <PageTitle description={community.description}>{community.name}</PageTitle>
      {community.isMember ? (
        <article
          data-testid="community-content"
          className="whitespace-pre-line rounded-md bg-emerald-50 p-4 text-slate-800"
        >
          {community.content}
        </article>
      ) : (
        <div role="status" className="space-y-3">
          <p className="text-sm text-slate-700">
            This content is for members.{" "}
            {user ? (
              "Your account does not have access yet."
            ) : (
              <>
                <Link
                  className="font-semibold text-indigo-700"
                  href={`/signin?callbackUrl=/communities/${id}`}
                >
                  Sign in
                </Link>{" "}
                if you already bought access.
              </>
            )}
          </p>
          {community.offerings.length > 0 ? (
            <div className="flex flex-wrap gap-2">
              {community.offerings.map((offering) => (
                <ButtonLink key={offering.id} href={`/offerings/${offering.id}`}>
                  Get access with {offering.name}
                </ButtonLink>
              ))}
            </div>
          ) : (
            <p className="text-sm text-slate-500">
              No offering sells access to this community right now.
            </p>
          )}
        </div>
      )}
    </Card>
  );
}
