/**
 * Auth.js's own route (app/api/auth/[...nextauth]): its inputs are forms and query strings.
 * NUL and lone surrogates in an email, a password, a token or a callbackUrl are refusals
 * (a redirect back to the sign-in page, or a 4xx), never a 5xx nor Auth.js's "Configuration"
 * error, which is what it answers when something throws inside (the database refusing NUL).
 */
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { LONE_SURROGATE, NUL, ONE_MEGABYTE } from "../../helpers/hostile-input";
import { resetDatabase } from "../../helpers/reset";

const APP = "http://localhost:3000";
const HOSTILE = [
  NUL,
  `buyer${NUL}@example.com`,
  `${LONE_SURROGATE}@example.com`,
  `a@example.com${NUL}`,
];

beforeAll(resetDatabase);

/** A CSRF token and its cookie, as the sign-in page gets them. */
async function csrf() {
  const response = await GET(new NextRequest(`${APP}/api/auth/csrf`));
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .join("; ");
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function post(
  path: string,
  fields: Record<string, string>,
  contentType = "application/x-www-form-urlencoded",
) {
  const { cookie, csrfToken } = await csrf();
  const body = new URLSearchParams({ ...fields, csrfToken }).toString();
  return POST(
    new NextRequest(`${APP}${path}`, {
      method: "POST",
      headers: { "content-type": contentType, cookie, origin: APP },
      body,
    }),
  );
}

/** Never a 5xx, never Auth.js's error page for a failure inside it. */
async function expectRefusedCleanly(response: Response, label: string) {
  const text = await response.text();
  expect(response.status, `${label}: ${text.slice(0, 200)}`).toBeLessThan(500);
  const location = response.headers.get("location") ?? "";
  expect(location, label).not.toMatch(/error=(Configuration|CallbackRouteError)/);
  expect(text, label).not.toMatch(/Configuration/);
}

describe("Auth.js's route, hostile input", () => {
  it("refuses NUL and lone surrogates in a password sign-in", async () => {
    for (const value of HOSTILE) {
      const response = await post("/api/auth/callback/credentials", {
        email: value,
        password: value,
      });
      await expectRefusedCleanly(response, `credentials ${JSON.stringify(value)}`);
    }
  });

  it("refuses NUL and lone surrogates when asking for a sign-in link", async () => {
    for (const value of HOSTILE) {
      const response = await post("/api/auth/signin/nodemailer", { email: value });
      await expectRefusedCleanly(response, `sign-in link ${JSON.stringify(value)}`);
    }
  });

  it("refuses a link whose token or email holds NUL", async () => {
    for (const value of HOSTILE) {
      const query = new URLSearchParams({ token: value, email: value, callbackUrl: `/${value}` });
      const response = await GET(new NextRequest(`${APP}/api/auth/callback/nodemailer?${query}`));
      await expectRefusedCleanly(response, `link ${JSON.stringify(value)}`);
    }
  });

  it("answers its GET endpoints with hostile query strings", async () => {
    for (const endpoint of ["session", "csrf", "providers", "signin", "signout", "error"]) {
      for (const value of [...HOSTILE, "x".repeat(10_000)]) {
        const query = new URLSearchParams({ callbackUrl: value, error: value }).toString();
        const response = await GET(new NextRequest(`${APP}/api/auth/${endpoint}?${query}`));
        await expectRefusedCleanly(response, `${endpoint} ${JSON.stringify(value).slice(0, 40)}`);
      }
    }
  });

  it("refuses wrong content types, deep JSON and 1 MB bodies", async () => {
    const bodies: [string, string][] = [
      ["application/json", JSON.stringify({ email: NUL, password: NUL })],
      ["application/json", `{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`],
      ["text/plain", "email=a@example.com&password=x"],
      ["application/x-www-form-urlencoded", `email=${"x".repeat(ONE_MEGABYTE)}&password=y`],
    ];
    for (const [contentType, body] of bodies) {
      const response = await POST(
        new NextRequest(`${APP}/api/auth/callback/credentials`, {
          method: "POST",
          headers: { "content-type": contentType, origin: APP },
          body,
        }),
      );
      await expectRefusedCleanly(response, `${contentType} ${body.length} bytes`);
    }
  });
});
