/** The message of one of our JSON error responses, or a plain sentence when there is none. */
export async function readApiError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { message?: string };
    if (body.message) return body.message;
  } catch {
    // not JSON: fall through
  }
  return `The server answered ${response.status}. Try again in a moment.`;
}
