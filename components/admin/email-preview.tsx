import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { EmailPreview, EmailTemplateSummary } from "@/lib/notifications/emails/preview-emails";

type Props = { templates: EmailTemplateSummary[]; preview: EmailPreview };

/** The list of emails, and the chosen one as mail clients show it (HTML) and as plain text. */
export function EmailPreviewPanel({ templates, preview }: Props) {
  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <nav aria-label="Emails">
        <ul className="space-y-1 text-sm">
          {templates.map((template) => {
            const current = template.name === preview.name;
            return (
              <li key={template.name}>
                <Link
                  href={`/admin/emails?template=${template.name}`}
                  aria-current={current ? "page" : undefined}
                  className={`block rounded-md px-3 py-2 ${
                    current
                      ? "bg-indigo-50 font-semibold text-indigo-700"
                      : "text-slate-700 hover:bg-slate-100"
                  }`}
                >
                  {template.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="min-w-0 space-y-4">
        <Card className="space-y-2">
          <h2 className="break-words text-lg font-semibold" data-testid="email-subject">
            {preview.subject}
          </h2>
          <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500">Sent on</dt>
            <dd>
              <code>{preview.messageType}</code>
            </dd>
            <dt className="text-slate-500">To</dt>
            <dd>{preview.recipients}</dd>
          </dl>
        </Card>
        <section aria-labelledby="email-html-heading" className="space-y-2">
          <h2 id="email-html-heading" className="text-sm font-semibold text-slate-900">
            As sent (HTML)
          </h2>
          {/* srcDoc, sandboxed: the email's own markup, with no script and no way out of the frame. */}
          <iframe
            title={`${preview.label}: HTML preview`}
            srcDoc={preview.html}
            sandbox=""
            className="h-[36rem] w-full rounded-lg bg-white ring-1 ring-slate-200"
          />
        </section>
        <section aria-labelledby="email-text-heading" className="space-y-2">
          <h2 id="email-text-heading" className="text-sm font-semibold text-slate-900">
            Plain text
          </h2>
          <pre
            data-testid="email-text"
            className="overflow-x-auto whitespace-pre-wrap break-words rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200"
          >
            {preview.text}
          </pre>
        </section>
      </div>
    </div>
  );
}
