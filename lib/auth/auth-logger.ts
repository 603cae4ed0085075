/**
 * Auth.js's log lines, through the app's logger. A refusal a visitor causes (a wrong password,
 * an unconfirmed address, too many attempts, a used or expired link) is ordinary: one info line
 * with its type and code, no stack. Anything else is an error with its stack, as before.
 */
import type { NextAuthConfig } from "next-auth";
import { logger } from "@/lib/logger";

const ordinaryRefusals = new Set(["CredentialsSignin", "Verification", "AccessDenied"]);

function field(error: Error, name: "type" | "code"): string | undefined {
  const value = (error as unknown as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

export const authLogger: NonNullable<NextAuthConfig["logger"]> = {
  error(error) {
    const type = field(error, "type") ?? error.name;
    if (ordinaryRefusals.has(type)) {
      logger.info({ authError: type, code: field(error, "code") }, `sign-in refused (${type})`);
      return;
    }
    logger.error({ err: error }, `Auth.js: ${type}`);
  },
  warn(code) {
    logger.warn({ code }, `Auth.js warning: ${code}`);
  },
};
