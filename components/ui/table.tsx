import type { ComponentProps } from "react";

/**
 * Scrolls sideways inside its own box when the columns do not fit, never the whole page. It is
 * `relative` so that absolutely positioned content (an sr-only header) scrolls with it too.
 */
export function Table({ children }: { children: React.ReactNode }) {
  return (
    <div className="relative max-w-full overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">{children}</table>
    </div>
  );
}

export function Th(props: ComponentProps<"th">) {
  return <th scope="col" className="px-4 py-3 text-left font-semibold text-slate-700" {...props} />;
}

export function Td(props: ComponentProps<"td">) {
  return <td className="px-4 py-3 align-top text-slate-700" {...props} />;
}
