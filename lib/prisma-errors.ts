/** Prisma's unique-constraint violation (P2002), the signal for "this already exists". */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}
