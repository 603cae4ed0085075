"use client";

import { useEffect, useRef, useState } from "react";

type Overflow = { before: boolean; after: boolean };

/**
 * A box that scrolls sideways when its content is wider than the screen, reachable by keyboard
 * (a labelled, focusable region: arrow keys scroll it) and visibly so: a shadow on the side
 * that has more, and a line under it saying it scrolls. Nothing shows when everything fits.
 */
export function ScrollRegion({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState<Overflow>({ before: false, after: false });

  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () =>
      setOverflow({
        before: box.scrollLeft > 1,
        after: box.scrollLeft + box.clientWidth < box.scrollWidth - 1,
      });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    box.addEventListener("scroll", measure, { passive: true });
    return () => {
      observer.disconnect();
      box.removeEventListener("scroll", measure);
    };
  }, []);

  const scrolls = overflow.before || overflow.after;
  return (
    <div className="relative max-w-full">
      <div
        ref={ref}
        role="region"
        aria-label={label}
        // Focusable so that keyboard users can scroll it (axe: scrollable-region-focusable).
        tabIndex={0}
        data-scrolls={scrolls}
        className={`relative max-w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${className}`}
      >
        {children}
      </div>
      {overflow.before ? (
        <div
          aria-hidden="true"
          className="pointer-events-none absolute inset-y-0 left-0 w-6 rounded-l-lg bg-gradient-to-r from-slate-900/20 to-transparent"
        />
      ) : null}
      {overflow.after ? (
        <div
          aria-hidden="true"
          data-testid="scroll-shadow"
          className="pointer-events-none absolute inset-y-0 right-0 w-6 rounded-r-lg bg-gradient-to-l from-slate-900/20 to-transparent"
        />
      ) : null}
      {scrolls ? (
        <p data-testid="scroll-hint" className="mt-1 text-xs text-slate-600">
          Scroll sideways for more columns →
        </p>
      ) : null}
    </div>
  );
}
