import { createCommunityAction, deleteCommunityAction } from "@/app/admin/communities/actions";
import type { Metadata } from "next";
import Link from "next/link";
import { CommunityForm } from "@/components/admin/community-form";
import { DeleteCommunityForm } from "@/components/admin/delete-community-form";
import { FlashToast } from "@/components/admin/flash-toast";
import { Card, PageTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listCommunities } from "@/lib/communities/manage-communities";

export const metadata: Metadata = { title: "Communities" };

type Props = { searchParams: Promise<{ deleted?: string | string[] }> };

export default async function AdminCommunitiesPage({ searchParams }: Props) {
  await requireAdminPage("/admin/communities");
  const [communities, { deleted }] = await Promise.all([listCommunities(), searchParams]);
  return (
    <div className="space-y-10">
      <section>
        <PageTitle description="Access groups that offerings grant, each with content only its members can read.">
          Communities
        </PageTitle>
        {deleted === "1" ? (
          <p
            role="status"
            className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-800"
          >
            Community deleted.
            <FlashToast message="Community deleted." />
          </p>
        ) : null}
        {communities.length === 0 ? (
          <p className="text-sm text-slate-600">No communities yet. Create the first one below.</p>
        ) : (
          <Table label="Communities">
            <thead className="bg-slate-50">
              <tr>
                <Th>Name</Th>
                <Th>Offerings</Th>
                <Th>Memberships</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {communities.map((community) => (
                <tr key={community.id} data-testid="community-row">
                  <Td>
                    <Link
                      href={`/admin/communities/${community.id}`}
                      className="font-medium text-indigo-700 hover:underline"
                    >
                      {community.name}
                    </Link>
                    {community.description ? (
                      <p className="mt-1 line-clamp-2 max-w-md text-xs text-slate-500">
                        {community.description}
                      </p>
                    ) : null}
                  </Td>
                  <Td>{community._count.offerings}</Td>
                  <Td>{community._count.memberships}</Td>
                  <Td>
                    <DeleteCommunityForm
                      action={deleteCommunityAction}
                      communityId={community.id}
                      communityName={community.name}
                    />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <Card>
        <h2 className="mb-4 text-lg font-semibold">New community</h2>
        <CommunityForm action={createCommunityAction} />
      </Card>
    </div>
  );
}
