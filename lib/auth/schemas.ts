import { z } from "zod";
import { storableString } from "@/lib/http/storable-text";

export const email = storableString()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }));

export const password = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(200, "Use at most 200 characters");

export const credentialsSchema = z.object({ email, password });

export const signUpSchema = z.object({
  name: storableString().trim().max(100).optional().default(""),
  email,
  password,
});

/** Only same-site paths: an open redirect would let a link send people elsewhere. */
export const callbackUrl = z
  .string()
  .optional()
  .transform((value) => (value && /^\/(?!\/)/.test(value) ? value : "/offerings"));
