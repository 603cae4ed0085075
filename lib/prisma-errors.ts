/** Prisma's unique-constraint violation (P2002), the signal for "this already exists". */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

/** Prisma's "record to update or delete does not exist" (P2025). */
export function isRecordMissing(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2025";
}
