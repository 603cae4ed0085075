"use client";

import { useEffect } from "react";
import { toast } from "sonner";

/**
 * The toast of an action that redirected (create, delete): the page it landed on renders this
 * once. The message doubles as the toast's id, so showing it again replaces it, not repeats it.
 */
export function FlashToast({ message }: { message: string }) {
  useEffect(() => {
    toast.success(message, { id: message });
  }, [message]);
  return null;
}
