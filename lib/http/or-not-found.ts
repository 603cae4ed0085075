import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

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
