"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/http/action-state";

const compact = "px-3 py-1.5 text-xs";

type ConfirmSubmitProps = {
  /** The first button, which only asks. */
  label: string;
  /** The button that submits the form, and the name of the question's group. */
  confirmLabel: string;
  question: ReactNode;
  pendingText: string;
  /** The form's action state: a success puts the first button back. */
  state: ActionState;
  pending: boolean;
  variant?: "danger" | "secondary";
  title?: string;
};

/**
 * A destructive form's submit in two steps: the first press asks the question, "Confirm …"
 * submits, "Cancel" puts the button back. Place it inside the form. Keyboard focus follows the
 * question and comes back when it is withdrawn.
 */
export function ConfirmSubmit({
  label,
  confirmLabel,
  question,
  pendingText,
  state,
  pending,
  variant = "danger",
  title,
}: ConfirmSubmitProps) {
  const [confirming, setConfirming] = useState(false);
  const [answered, setAnswered] = useState(state);
  const askRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // A new answer: after a success the question is settled (the page shows the new state).
  if (state !== answered) {
    setAnswered(state);
    if (state.status === "success") setConfirming(false);
  }

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (asked.current) askRef.current?.focus();
    asked.current ||= confirming;
  }, [confirming]);

  if (!confirming) {
    return (
      <Button
        ref={askRef}
        type="button"
        variant={variant}
        title={title}
        onClick={() => setConfirming(true)}
      >
        {label}
      </Button>
    );
  }
  return (
    <div role="group" aria-label={confirmLabel} className="max-w-xs space-y-2">
      <p className="text-sm text-slate-700">{question}</p>
      <div className="flex flex-wrap gap-2">
        <SubmitButton variant={variant} pendingText={pendingText} className={compact}>
          {confirmLabel}
        </SubmitButton>
        <Button
          ref={cancelRef}
          type="button"
          variant="secondary"
          className={compact}
          disabled={pending}
          onClick={() => setConfirming(false)}
        >
          Cancel
        </Button>
      </div>
    </div>
  );
}
