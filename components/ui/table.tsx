import type { ComponentProps } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";

/**
 * Scrolls sideways inside its own box when the columns do not fit, never the whole page: a
 * labelled region that keyboard users can focus and scroll, with a shadow and a line saying it
 * scrolls when it does (ScrollRegion). The region is `relative`, so absolutely positioned
 * content (an sr-only header) scrolls with it too.
 */
export function Table({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <ScrollRegion label={label} className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">{children}</table>
    </ScrollRegion>
  );
}

export function Th(props: ComponentProps<"th">) {
  return <th scope="col" className="px-4 py-3 text-left font-semibold text-slate-700" {...props} />;
}

export function Td(props: ComponentProps<"td">) {
  return <td className="px-4 py-3 align-top text-slate-700" {...props} />;
}
