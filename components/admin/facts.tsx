/** A definition list of label → value pairs, for an admin detail page's facts card. */
export function Facts({ rows }: { rows: Array<[string, React.ReactNode]> }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
      {rows.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-500">{term}</dt>
          <dd className="break-all text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** An id in a monospace face, or a dash when there is none. */
export const mono = (value: string | null) =>
  value ? <span className="font-mono text-xs">{value}</span> : "—";
