import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { isRecordId } from "@/lib/http/storable-text";

/**
 * For pages: a use case's `not_found` (unknown, or not the caller's) becomes the not-found page,
 * so another user's id and an unknown one look the same. Any other error propagates.
 */
export async function orNotFound<T>(pending: Promise<T>): Promise<T> {
  try {
    return await pending;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

/** For pages: an id in the path that no row can have (NUL, a lone surrogate) is not found. */
export function pageId(value: string): string {
  if (!isRecordId(value)) notFound();
  return value;
}
