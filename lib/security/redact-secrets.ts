/**
 * A copy of a stored JSON value (a webhook payload, an event's details) fit to show an admin:
 * every field whose name says it holds a credential is replaced, at any depth. Headers are never
 * stored, but a provider's body can still carry a `client_secret`, a token or a password.
 */
export const REDACTED = "[redacted]";

const SECRET_NAME =
  /secret|passw(or)?d|token|api_?key|private_?key|authorization|signature|credential/i;

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [
      name,
      SECRET_NAME.test(name) && inner !== null && inner !== "" ? REDACTED : redactSecrets(inner),
    ]),
  );
}
