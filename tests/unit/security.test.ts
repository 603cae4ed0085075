import { describe, expect, it } from "vitest";
import { emailLinkDelivery } from "@/lib/auth/email-links";
import { assertSameOriginJson } from "@/lib/http/same-origin";
import { contentSecurityPolicy } from "@/lib/security/content-security-policy";
import { planLaunch } from "../../scripts/launch-plan";
import { productionSecretsProblem } from "../../scripts/local-secrets";

// NEXT_PUBLIC_APP_URL is http://localhost:3000 in the test configuration.
function post(headers: Record<string, string>, method = "POST") {
  return new Request("http://localhost:3000/api/admin/offerings", {
    method,
    headers: { host: "localhost:3000", ...headers },
  });
}

function refusal(request: Request) {
  try {
    assertSameOriginJson(request);
    return null;
  } catch (error) {
    return error as { code: string; status: number };
  }
}

describe("same-origin JSON requests", () => {
  const json = { "content-type": "application/json" };

  it("accepts JSON from the app's own origin, or marked same-origin by the browser", () => {
    expect(refusal(post({ ...json, origin: "http://localhost:3000" }))).toBeNull();
    expect(
      refusal(
        post({
          "content-type": "application/json; charset=utf-8",
          origin: "http://localhost:3000",
        }),
      ),
    ).toBeNull();
    expect(refusal(post({ ...json, "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(refusal(post({}, "GET"))).toBeNull();
  });

  it.each([
    [
      "a text/plain form from another site",
      { "content-type": "text/plain", origin: "https://evil.example" },
    ],
    ["JSON declared by another site", { ...json, origin: "https://evil.example" }],
    ["JSON from another port of the same host", { ...json, origin: "http://localhost:4000" }],
    [
      "a same-origin urlencoded form",
      { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost:3000" },
    ],
    ["a body-less POST", { origin: "http://localhost:3000" }],
    ["JSON with neither Origin nor Sec-Fetch-Site", json],
    ["JSON from a same-site page", { ...json, "sec-fetch-site": "same-site" }],
    ["an opaque origin", { ...json, origin: "null" }],
  ])("refuses %s with 403", (_name, headers) => {
    expect(refusal(post(headers))).toMatchObject({ code: "forbidden", status: 403 });
  });
});

describe("Content-Security-Policy", () => {
  it("forbids framing and allows the sandbox's embedded form only when the sandbox is in use", () => {
    const sandboxed = contentSecurityPolicy({
      NODE_ENV: "production",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
      STRIPE_SANDBOX_PUBLIC_URL: "http://localhost:12111",
    });
    expect(sandboxed).toContain("frame-ancestors 'none'");
    expect(sandboxed).toMatch(/frame-src [^;]*http:\/\/localhost:12111/);
    expect(sandboxed).not.toContain("unsafe-eval");

    const realStripe = contentSecurityPolicy({
      NODE_ENV: "production",
      STRIPE_API_BASE: undefined,
      STRIPE_SANDBOX_PUBLIC_URL: undefined,
    });
    expect(realStripe).toMatch(/script-src [^;]*https:\/\/js\.stripe\.com/);
    expect(realStripe).toMatch(/frame-src [^;]*https:\/\/checkout\.stripe\.com/);
    expect(realStripe).not.toContain("localhost");
  });

  it("posts forms only to the app, pins <base>, allows no plugins, and takes a nonce instead of 'unsafe-inline'", () => {
    const env = {
      NODE_ENV: "production",
      STRIPE_API_BASE: undefined,
      STRIPE_SANDBOX_PUBLIC_URL: undefined,
    } as const;
    const shared = contentSecurityPolicy(env);
    const perRequest = contentSecurityPolicy(env, "bm9uY2Utb2YtdGhlLXJlcXVlc3Q=");
    for (const policy of [shared, perRequest]) {
      expect(policy).toContain("form-action 'self'");
      expect(policy).toContain("base-uri 'self'");
      expect(policy).toContain("object-src 'none'");
    }
    expect(shared).toMatch(/script-src 'self' 'unsafe-inline' /);
    expect(perRequest).toMatch(/script-src 'self' 'nonce-bm9uY2Utb2YtdGhlLXJlcXVlc3Q=' /);
    expect(perRequest).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  });
});

describe("production's own secrets", () => {
  const secret = "s".repeat(32);

  it("are required with NODE_ENV=production and a DATABASE_URL, in one line saying how to make one", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgresql://db/app" };
    expect(
      productionSecretsProblem({ ...production, AUTH_SECRET: secret, ENCRYPTION_KEY: secret }),
    ).toBeNull();
    expect(productionSecretsProblem({ ...production, ENCRYPTION_KEY: secret })).toMatch(
      /^\[run\] AUTH_SECRET is not set\. .*`openssl rand -base64 32`[^\n]*$/,
    );
    expect(
      productionSecretsProblem({ ...production, AUTH_SECRET: secret, ENCRYPTION_KEY: "short" }),
    ).toMatch(/^\[run\] ENCRYPTION_KEY is shorter than 16 characters\./);
  });

  it("are generated for the embedded demo and outside production (the e2e server's npm start)", () => {
    expect(productionSecretsProblem({ NODE_ENV: "production" })).toBeNull();
    expect(productionSecretsProblem({ DATABASE_URL: "postgresql://db/app" })).toBeNull();
  });
});

describe("launch plan: nothing fake in production by accident", () => {
  it.each([
    [
      "the embedded database (the demo)",
      {},
      { embeddedDatabase: true, stripeSandbox: true, demoProvider: true, demoData: true },
    ],
    [
      "a real database (no demo accounts with known passwords in it)",
      { DATABASE_URL: "postgresql://db/app" },
      { embeddedDatabase: false, stripeSandbox: false, demoProvider: false, demoData: false },
    ],
    [
      "a real database with all switched on",
      {
        DATABASE_URL: "postgresql://db/app",
        STRIPE_SANDBOX: "on",
        DEMO_PROVIDER: "on",
        DEMO_DATA: "on",
      },
      { embeddedDatabase: false, stripeSandbox: true, demoProvider: true, demoData: true },
    ],
    [
      "real Stripe keys",
      { STRIPE_SECRET_KEY: "sk_live_x", STRIPE_SANDBOX: "on" },
      { embeddedDatabase: true, stripeSandbox: false, demoProvider: true, demoData: true },
    ],
    [
      "the demo switched off",
      { DEMO_PROVIDER: "off", STRIPE_SANDBOX: "off", DEMO_DATA: "off" },
      { embeddedDatabase: true, stripeSandbox: false, demoProvider: false, demoData: false },
    ],
  ])("%s", (_name, env, plan) => {
    expect(planLaunch(env)).toEqual(plan);
  });
});

describe("email link delivery", () => {
  it("prints links only on a development server, sends them with a mail server, and is off otherwise", () => {
    expect(emailLinkDelivery({ NODE_ENV: "development", EMAIL_SERVER: undefined })).toBe("log");
    expect(emailLinkDelivery({ NODE_ENV: "production", EMAIL_SERVER: undefined })).toBe("off");
    expect(emailLinkDelivery({ NODE_ENV: "production", EMAIL_SERVER: "smtp://mail:25" })).toBe(
      "smtp",
    );
    expect(emailLinkDelivery({ NODE_ENV: "development", EMAIL_SERVER: "smtp://mail:25" })).toBe(
      "smtp",
    );
  });
});
