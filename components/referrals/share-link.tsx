import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";

/** The referrer's link, selectable and copyable, and what it does. */
export function ShareLink({ url }: { url: string }) {
  return (
    <Card className="space-y-3">
      <h2 className="text-lg font-semibold">Your share link</h2>
      <p className="text-sm text-slate-600">
        People who open this link and then buy earn you a commission on what they pay.
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <code
          data-testid="share-link"
          className="min-w-0 break-all rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800"
        >
          {url}
        </code>
        <CopyButton value={url} label="Copy link" />
      </div>
    </Card>
  );
}
