import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { grantCommunityAction, revokeCommunityAction } from "@/app/admin/users/[id]/actions";
import { AccessByCommunity } from "@/components/admin/access-trail";
import { GrantCommunityForm, RevokeCommunityForm } from "@/components/admin/manual-access-forms";
import {
  UserFacts,
  UserMemberships,
  UserPurchases,
  UserSubscriptions,
} from "@/components/admin/user-details";
import { Card, PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { listCommunityNames } from "@/lib/communities/manage-communities";
import { getUserForAdmin } from "@/lib/users/get-user-for-admin";
import { pageId } from "@/lib/http/or-not-found";

export const metadata: Metadata = { title: "User" };

type Props = { params: Promise<{ id: string }> };

function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function AdminUserPage({ params }: Props) {
  const id = pageId((await params).id);
  await requireAdminPage(`/admin/users/${id}`);
  const [detail, allCommunities] = await Promise.all([
    getUserForAdmin({ userId: id }),
    listCommunityNames(),
  ]);
  if (!detail) notFound();
  const communities = allCommunities.map(({ id: communityId, name }) => ({
    id: communityId,
    name,
  }));
  const withAccess = detail.access
    .filter((access) => access.hasAccess)
    .map((access) => ({ id: access.communityId, name: access.communityName }));

  return (
    <div className="space-y-8">
      <PageTitle description="Purchases, subscriptions, memberships, and why they have access.">
        {detail.user.email}
      </PageTitle>
      <UserFacts detail={detail} />
      <Section id="access-heading" title="Access">
        <AccessByCommunity access={detail.access} />
      </Section>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">Grant a community</h2>
          <GrantCommunityForm
            action={grantCommunityAction}
            userId={detail.user.id}
            communities={communities}
          />
        </Card>
        <Card className="space-y-3">
          <h2 className="text-lg font-semibold">Revoke a community</h2>
          <RevokeCommunityForm
            action={revokeCommunityAction}
            userId={detail.user.id}
            communities={withAccess}
          />
        </Card>
      </div>
      <Section id="purchases-heading" title="Purchases and orders">
        <UserPurchases detail={detail} />
      </Section>
      <Section id="subscriptions-heading" title="Subscriptions">
        <UserSubscriptions detail={detail} />
      </Section>
      <Section id="memberships-heading" title="Memberships">
        <UserMemberships detail={detail} />
      </Section>
    </div>
  );
}
