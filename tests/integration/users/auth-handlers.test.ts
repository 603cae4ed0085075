/**
 * Auth.js's own routes (`/api/auth/*`), called through the app's handlers as Next calls them:
 * what an ended session answers, what a malformed callback URL does, and what a refused
 * password sign-in logs.
 */
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { setLogDestination } from "@/lib/logger";
import { changePassword } from "@/lib/users/change-password";
import { confirmEmailOwnership } from "@/lib/users/confirm-email-ownership";
import { revokeSessions } from "@/lib/users/revoke-sessions";
import { signUp } from "@/lib/auth/sign-up";
import { resetDatabase } from "../../helpers/reset";

const ORIGIN = "http://localhost:3000";
const SESSION_COOKIE = "authjs.session-token";

let output = "";
const logLines = () =>
  output
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const consoleError = vi.spyOn(console, "error");

beforeEach(async () => {
  await resetDatabase();
  output = "";
  setLogDestination({ write: (line: string) => void (output += line) });
  consoleError.mockClear();
});
afterEach(() => expect(logLines().filter((line) => line.level === "error")).toEqual([]));
afterAll(() => setLogDestination());

async function account(email: string, password = "right-password", verified = true) {
  const { userId } = await signUp({ name: "Pat", email, password });
  if (verified) await confirmEmailOwnership({ userId, keepPassword: true });
  return userId;
}

/** The cookie a password sign-in gives, made with Auth.js's own encoder and the app's secret. */
async function sessionCookie(userId: string, email: string, sessionVersion: number) {
  const token = await encode({
    token: { sub: userId, email, name: "Pat", sessionVersion },
    secret: process.env.AUTH_SECRET!,
    salt: SESSION_COOKIE,
  });
  return `${SESSION_COOKIE}=${token}`;
}

async function get(path: string, cookie = "") {
  const response = await GET(new NextRequest(`${ORIGIN}${path}`, { headers: { cookie } }));
  return { response, setCookies: response.headers.getSetCookie() };
}

async function readSession(cookie: string) {
  const { response, setCookies } = await get("/api/auth/session", cookie);
  const freshSessionCookie = setCookies.some(
    (line) => line.startsWith(`${SESSION_COOKIE}=`) && !line.startsWith(`${SESSION_COOKIE}=;`),
  );
  return { status: response.status, body: await response.json(), freshSessionCookie };
}

describe("GET /api/auth/session", () => {
  it("answers a current token with its user and a renewed cookie", async () => {
    const userId = await account("current@example.com");
    const session = await readSession(await sessionCookie(userId, "current@example.com", 1));
    expect(session).toMatchObject({ status: 200, freshSessionCookie: true });
    expect(session.body.user).toMatchObject({ email: "current@example.com" });
  });

  it("answers no session and renews no cookie for a token of a session ended elsewhere", async () => {
    const userId = await account("leaver@example.com");
    const cookie = await sessionCookie(userId, "leaver@example.com", 1);
    await revokeSessions({ userId });
    expect(await readSession(cookie)).toEqual({
      status: 200,
      body: null,
      freshSessionCookie: false,
    });
  });

  it("answers no session for a token issued before a password change", async () => {
    const userId = await account("changer@example.com");
    const cookie = await sessionCookie(userId, "changer@example.com", 1);
    await changePassword({
      userId,
      currentPassword: "right-password",
      newPassword: "a-new-password",
    });
    expect(await readSession(cookie)).toEqual({
      status: 200,
      body: null,
      freshSessionCookie: false,
    });
  });
});

describe("a malformed callback URL", () => {
  const noInvalidUrl = () => {
    expect(consoleError.mock.calls.flat().join(" ")).not.toContain("Invalid URL");
    expect(output).not.toContain("Invalid URL");
  };

  it("in the query is answered as bad input: the sign-in page, with the app as the callback", async () => {
    const { response } = await get("/api/auth/signin?callbackUrl=http://%25zz");
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!, ORIGIN);
    expect(location.pathname).toBe("/signin");
    expect(location.searchParams.get("error")).toBeNull();
    noInvalidUrl();
  });

  it("on a form post is answered with the usual redirect, not a 500", async () => {
    const response = await postForm("/api/auth/signout?callbackUrl=http://%25zz", {});
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(ORIGIN);
    noInvalidUrl();
  });

  it("in the callback-url cookie is answered the same way", async () => {
    const { response } = await get("/api/auth/signin", "authjs.callback-url=http%3A%2F%2F%25zz");
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get("location")!, ORIGIN).searchParams.get("error")).toBeNull();
    noInvalidUrl();
  });
});

/** A form post to one of Auth.js's routes, with its CSRF token and cookie as a browser has them. */
async function postForm(path: string, fields: Record<string, string>) {
  const csrf = await get("/api/auth/csrf");
  const { csrfToken } = (await csrf.response.json()) as { csrfToken: string };
  const cookie = csrf.setCookies.map((line) => line.split(";")[0]).join("; ");
  const request = new NextRequest(`${ORIGIN}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, ...fields }),
  });
  return POST(request);
}

describe("a refused password sign-in", () => {
  const postCredentials = (email: string, password: string) =>
    postForm("/api/auth/callback/credentials", { email, password });

  it.each([
    ["a wrong password", "not-the-password", true, "credentials"],
    ["an unconfirmed address", "right-password", false, "email_unverified"],
  ])("for %s is one info line without a stack", async (_case, password, verified, code) => {
    await account("refused@example.com", "right-password", verified);
    const response = await postCredentials("refused@example.com", password);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("error=CredentialsSignin");
    expect(logLines()).toEqual([
      expect.objectContaining({ level: "info", authError: "CredentialsSignin", code }),
    ]);
    expect(output).not.toContain("stack");
    expect(consoleError).not.toHaveBeenCalled();
  });
});
