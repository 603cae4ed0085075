/**
 * The redaction list: the names of fields that hold a credential. Both places a stored or logged
 * value could show one hide them: an admin's view of a stored payload (redactSecrets, below) and
 * every log line (lib/logger.ts, which also hides whole payloads and card data).
 */
export const REDACTED = "[redacted]";

/** Credential-holding names, compared in lower case. */
const SECRET_FIELD_NAMES = new Set(["key", "cvc", "cvv"]);

/** Names that say they hold a credential, wherever in the name. */
const SECRET_FIELD_PATTERN =
  /secret|passw(or)?d|token|credential|signature|authorization|cookie|card_?number|(api|private|encryption|signing|access)_?key/i;

/** Whether a field of this name holds a credential (headers included: `stripe-signature`). */
export function isSecretFieldName(name: string): boolean {
  return SECRET_FIELD_NAMES.has(name.toLowerCase()) || SECRET_FIELD_PATTERN.test(name);
}

/**
 * A copy of a stored JSON value (a webhook payload, an event's details) fit to show an admin:
 * every credential field is replaced, at any depth. Headers are never stored, but a provider's
 * body can still carry a `client_secret`, a token or a password.
 */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [
      name,
      isSecretFieldName(name) && inner !== null && inner !== "" ? REDACTED : redactSecrets(inner),
    ]),
  );
}
