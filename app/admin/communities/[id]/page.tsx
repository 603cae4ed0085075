import { deleteCommunityAction, updateCommunityAction } from "@/app/admin/communities/actions";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CommunityForm } from "@/components/admin/community-form";
import { DeleteCommunityForm } from "@/components/admin/delete-community-form";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { getCommunity } from "@/lib/communities/manage-communities";
import { pageId } from "@/lib/http/or-not-found";

export const metadata: Metadata = { title: "Community" };

export default async function AdminCommunityPage({ params }: { params: Promise<{ id: string }> }) {
  const id = pageId((await params).id);
  await requireAdminPage(`/admin/communities/${id}`);
  const community = await getCommunity(id);
  if (!community) notFound();
  return (
    <div className="space-y-6">
      <PageTitle>{community.name}</PageTitle>
      <Card>
        <CommunityForm action={updateCommunityAction} community={community} />
      </Card>
      <Card className="space-y-3">
        <h2 className="text-lg font-semibold">Delete community</h2>
        <p className="text-sm text-slate-600">
          Only a community nobody holds access to can be deleted; offerings stop granting it.
        </p>
        <DeleteCommunityForm
          action={deleteCommunityAction}
          communityId={community.id}
          communityName={community.name}
        />
      </Card>
    </div>
  );
}
