import type { Metadata } from "next";
import { EmailPreviewPanel } from "@/components/admin/email-preview";
import { PageTitle } from "@/components/ui/card";
import { requireAdminPage } from "@/lib/auth/page-guards";
import { isEmailTemplateName } from "@/lib/notifications/emails/email-templates";
import {
  emailDeliveryDescription,
  listEmailTemplates,
  previewEmail,
} from "@/lib/notifications/emails/preview-emails";

export const metadata: Metadata = { title: "Emails" };

type Props = { searchParams: Promise<{ template?: string }> };

export default async function AdminEmailsPage({ searchParams }: Props) {
  await requireAdminPage("/admin/emails");
  const { template } = await searchParams;
  const selected = template && isEmailTemplateName(template) ? template : "receipt";
  const preview = await previewEmail(selected);
  return (
    <>
      <PageTitle
        description={`Every email the app sends, with sample data. ${emailDeliveryDescription()}`}
      >
        Emails
      </PageTitle>
      <EmailPreviewPanel templates={listEmailTemplates()} preview={preview} />
    </>
  );
}
