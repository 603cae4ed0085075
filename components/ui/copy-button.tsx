"use client";

import { useState, type ComponentProps } from "react";
import { Button } from "@/components/ui/button";

type Props = { value: string; label?: string } & Omit<
  ComponentProps<typeof Button>,
  "value" | "onClick" | "children" | "type"
>;

/** Copies a value to the clipboard and says so. */
export function CopyButton({ value, label = "Copy", variant = "secondary", ...props }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <Button type="button" variant={variant} onClick={copy} aria-label={label} {...props}>
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </Button>
  );
}
