import { CopyButton } from "@/components/ui/copy-button";

/** A signing secret the admin sees this once: shown with a copy button, never stored in the page. */
export function SecretOnce({ secret, children }: { secret: string; children?: React.ReactNode }) {
  return (
    <div
      role="status"
      className="space-y-2 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200"
    >
      <p className="font-medium">Signing secret: copy it now, it is not shown again.</p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          data-testid="endpoint-secret"
          className="break-all rounded bg-white px-2 py-1 font-mono text-sm text-slate-900"
        >
          {secret}
        </code>
        <CopyButton value={secret} label="Copy secret" />
      </div>
      {children}
    </div>
  );
}
