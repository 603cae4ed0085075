/**
 * Rate limits on the PostgreSQL store (DATABASE_POOL_SIZE > 1 in vitest.config.ts): failed
 * webhook authentications, password sign-ins and checkout starts. Valid deliveries never wait.
 */
import bcrypt from "bcryptjs";
import pg from "pg";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST as startCheckoutRoute } from "@/app/api/checkout/sessions/route";
import { proceedToPaymentAction } from "@/app/(shop)/offerings/[id]/checkout/actions";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { handleOfferingWebhook } from "@/lib/payments/external/handle-offering-webhook";
import { markClientAddressServer } from "@/lib/security/client-address";
import { startLinkPurchase } from "@/lib/purchases/start-link-purchase";
import { confirmEmailOwnership } from "@/lib/users/confirm-email-ownership";
import { SLOW_SIGN_IN_DELAY_MS, signInWithPassword } from "@/lib/users/sign-in-with-password";
import { signUp } from "@/lib/auth/sign-up";
import { embeddedOffering, makeOffering, makeUser } from "../../../tooling/seed/factories";
import { postOfferingWebhook } from "../../helpers/offering-webhook";
import { resetDatabase } from "../../helpers/reset";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";

vi.mock("@/lib/auth/session", () => ({
  requireUser: vi.fn(),
  requireAdmin: vi.fn(),
  currentUser: vi.fn(),
}));
vi.mock("@/lib/referrals/referral-cookie", () => ({ referralCodeFromCookie: async () => null }));

setUpStripeSandbox();

beforeEach(resetDatabase);

markClientAddressServer(); // the routes read the address as scripts/server.ts hands it over
const address = { "x-client-address": "203.0.113.7" };
const wrong = { secret: "not-the-secret", headers: address };

/** Straight to the use case, with the client address the route passes once it is wired. */
async function deliver(offeringId: string, secret: string, clientAddress: string | null) {
  const headers = new Headers({ "content-type": "application/json", "x-offering-secret": secret });
  const rawBody = JSON.stringify({ status: "succeeded", test: true });
  try {
    return {
      status: 200,
      body: await handleOfferingWebhook({ offeringId, headers, rawBody, clientAddress }),
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { status: error.status, body: { error: error.code, details: error.details } };
  }
}

describe("offering webhook: failed authentications", () => {
  it("answers 429 to a burst of 500 wrong secrets, while every valid delivery in it from the same address is applied", async () => {
    const offering = await makeOffering();
    const other = await makeOffering();
    const buyers = await Promise.all(Array.from({ length: 10 }, () => makeUser()));
    const purchases = await Promise.all(
      buyers.map(async (buyer) => {
        const started = await startLinkPurchase({ userId: buyer.id, offeringId: offering.id });
        if (started.hasAccess) throw new Error("unexpected access");
        return started.purchaseId;
      }),
    );
    const valid = { secret: offering.webhookSecret, headers: address };
    const payments = purchases.map((purchaseId, index) => ({
      status: "succeeded",
      purchase_id: purchaseId,
      payment_id: `pay_burst_${index}`,
      amount: 4900,
      currency: "USD",
    }));

    const burst = Array.from({ length: 500 }, (_, index) => {
      const request = postOfferingWebhook(offering.id, { status: "succeeded" }, wrong);
      const validEvery = index % 10 === 0; // 50 valid ones, spread through the burst
      if (!validEvery) return request.then((response) => ({ valid: false, response }));
      const body = payments[index / 10] ?? { status: "succeeded", test: true };
      return Promise.all([
        request.then((response) => ({ valid: false, response })),
        postOfferingWebhook(offering.id, body, valid).then((response) => ({
          valid: true,
          response,
        })),
      ]);
    });
    const results = (await Promise.all(burst)).flat();

    const refusals = results.filter((result) => !result.valid).map((result) => result.response);
    const accepted = results.filter((result) => result.valid).map((result) => result.response);
    expect(refusals).toHaveLength(500);
    expect(accepted).toHaveLength(50);
    expect(accepted.map((response) => response.status)).toEqual(accepted.map(() => 200));
    const limited = refusals.filter((response) => response.status === 429);
    expect(limited.length).toBeGreaterThan(150);
    expect(refusals.every((response) => [401, 429].includes(response.status))).toBe(true);
    for (const response of limited) {
      expect(response.body).toMatchObject({ error: "rate_limited" });
      const details = response.body.details as { retryAfterSeconds: number };
      expect(details.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(details.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    const paid = await db.purchase.count({ where: { id: { in: purchases }, status: "SUCCEEDED" } });
    expect(paid).toBe(10);

    // Still valid afterwards from the same address; another offering is untouched.
    expect(
      await postOfferingWebhook(offering.id, { status: "succeeded", test: true }, valid),
    ).toMatchObject({ status: 200 });
    expect(await postOfferingWebhook(other.id, { status: "succeeded" }, wrong)).toMatchObject({
      status: 401,
    });
    expect(
      await postOfferingWebhook(
        other.id,
        { status: "succeeded", test: true },
        { secret: other.webhookSecret, headers: address },
      ),
    ).toMatchObject({ status: 200 });
  });

  it("limits 20 failures a minute per offering and address, and other addresses go on", async () => {
    const offering = await makeOffering();
    for (let i = 0; i < 20; i += 1) {
      expect(await deliver(offering.id, "wrong", "198.51.100.1")).toMatchObject({ status: 401 });
    }
    expect(await deliver(offering.id, "wrong", "198.51.100.1")).toMatchObject({
      status: 429,
      body: { error: "rate_limited", details: { retryAfterSeconds: expect.any(Number) } },
    });
    expect(await deliver(offering.id, "wrong", "198.51.100.2")).toMatchObject({ status: 401 });
    expect(await deliver(offering.id, offering.webhookSecret, "198.51.100.1")).toMatchObject({
      status: 200,
      body: { outcome: "test" },
    });
  });

  it("limits 300 failures a minute per offering, however many addresses send them", async () => {
    const offering = await makeOffering();
    for (let i = 0; i < 300; i += 1) {
      expect(await deliver(offering.id, "wrong", `10.1.${i >> 8}.${i & 255}`)).toMatchObject({
        status: 401,
      });
    }
    expect(await deliver(offering.id, "wrong", "192.0.2.200")).toMatchObject({ status: 429 });
    expect(await deliver(offering.id, "wrong", null)).toMatchObject({ status: 429 });
    expect(await deliver(offering.id, offering.webhookSecret, null)).toMatchObject({ status: 200 });
  });
});

async function verifiedAccount(email: string, password: string) {
  const { userId } = await signUp({ name: "", email, password });
  await confirmEmailOwnership({ userId, keepPassword: true });
  return userId;
}

describe("password sign-in", () => {
  it("refuses an account from one address after 10 failures, the right password included, and leaves other addresses and accounts alone", async () => {
    await verifiedAccount("target@example.com", "right-password");
    await verifiedAccount("bystander@example.com", "right-password");
    for (let i = 0; i < 10; i += 1) {
      const check = await signInWithPassword({
        email: "target@example.com",
        password: `guess-${i}-x`,
        clientAddress: "203.0.113.7",
      });
      expect(check).toEqual({ status: "wrong" });
    }
    const refused = await signInWithPassword({
      email: "target@example.com",
      password: "right-password",
      clientAddress: "203.0.113.7",
    });
    expect(refused).toMatchObject({ status: "rate_limited" });
    expect(refused.status === "rate_limited" && refused.retryAfterSeconds).toBeGreaterThan(800);
    expect(
      await signInWithPassword({
        email: "target@example.com",
        password: "right-password",
        clientAddress: "198.51.100.9",
      }),
    ).toMatchObject({ status: "ok" });
    expect(
      await signInWithPassword({
        email: "bystander@example.com",
        password: "right-password",
        clientAddress: "203.0.113.7",
      }),
    ).toMatchObject({ status: "ok" });
  });

  it("1,000 wrong guesses from rotating addresses slow the account down, and its owner still signs in at once from their own address", async () => {
    const owner = { email: "owner@example.com", password: "owners-password" };
    const userId = await verifiedAccount(owner.email, owner.password);
    const timed = async (clientAddress: string) => {
      const started = performance.now();
      const check = await signInWithPassword({ ...owner, clientAddress });
      return { check, ms: performance.now() - started };
    };
    // The owner's usual address: they signed in from it before.
    expect((await timed("198.51.100.20")).check).toMatchObject({ status: "ok" });
    // 1,000 bcrypt comparisons at the app's cost take minutes on a busy machine; this account's
    // hash has bcrypt's lowest cost instead. The limits are under test here, not bcrypt.
    await db.user.update({
      where: { id: userId },
      data: { passwordHash: await bcrypt.hash(owner.password, 4) },
    });

    const guess = (i: number) =>
      signInWithPassword({
        email: owner.email,
        password: `guess-${i}-x`,
        clientAddress: `10.${i >> 8}.${i & 255}.1`,
      });
    const answers: string[] = [];
    const slowBatches: boolean[] = [];
    for (let first = 0; first < 1000;) {
      // Up to the ceiling (100) in batches of 50, then 150 at a time, each batch concurrently.
      const size = first < 100 ? 50 : 150;
      const batch = Array.from({ length: Math.min(size, 1000 - first) }, (_, j) => first + j);
      const started = performance.now();
      answers.push(...(await Promise.all(batch.map(guess))).map((check) => check.status));
      slowBatches.push(performance.now() - started >= SLOW_SIGN_IN_DELAY_MS);
      first += batch.length;
    }
    // No address is refused (each guessed once), but past 100 failures every guess waits.
    expect(answers).toEqual(Array(1000).fill("wrong"));
    expect(slowBatches.slice(2)).toEqual(Array(6).fill(true));

    // The owner, from their own address: signed in, with no wait.
    const fromOwnAddress = await timed("198.51.100.20");
    expect(fromOwnAddress.check).toMatchObject({ status: "ok" });
    expect(fromOwnAddress.ms).toBeLessThan(SLOW_SIGN_IN_DELAY_MS);
    // From an address they never used: signed in too, only slowed down.
    const fromNewAddress = await timed("198.51.100.99");
    expect(fromNewAddress.check).toMatchObject({ status: "ok" });
    expect(fromNewAddress.ms).toBeGreaterThanOrEqual(SLOW_SIGN_IN_DELAY_MS);
  });

  it("a successful sign-in clears the account's failures", async () => {
    await verifiedAccount("forgetful@example.com", "right-password");
    const attempt = (password: string) =>
      signInWithPassword({ email: "forgetful@example.com", password, clientAddress: null });
    for (let i = 0; i < 9; i += 1)
      expect(await attempt("wrong-password")).toEqual({ status: "wrong" });
    expect(await attempt("right-password")).toMatchObject({ status: "ok" });
    for (let i = 0; i < 9; i += 1)
      expect(await attempt("wrong-password")).toEqual({ status: "wrong" });
    expect(await attempt("right-password")).toMatchObject({ status: "ok" });
  });

  it("refuses an address after 50 failures across accounts, and other addresses go on", async () => {
    await verifiedAccount("sprayed@example.com", "right-password");
    // Ten at a time: 50 bcrypt checks at once starve the limits' two connections on a busy machine.
    for (let batch = 0; batch < 50; batch += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          signInWithPassword({
            email: `spray-${batch + i}@example.com`,
            password: "password-1",
            clientAddress: "192.0.2.50",
          }),
        ),
      );
    }
    const fromSprayer = await signInWithPassword({
      email: "sprayed@example.com",
      password: "right-password",
      clientAddress: "192.0.2.50",
    });
    expect(fromSprayer).toMatchObject({ status: "rate_limited" });
    const fromOwner = await signInWithPassword({
      email: "sprayed@example.com",
      password: "right-password",
      clientAddress: "192.0.2.51",
    });
    expect(fromOwner).toMatchObject({ status: "ok" });
  });
});

describe("checkout starts per user", () => {
  const signedIn = (user: { id: string; email: string }) =>
    vi.mocked(requireUser).mockResolvedValue({ ...user, name: null, role: "USER" });

  const postSession = (offeringId: string) =>
    startCheckoutRoute(
      new Request("http://localhost:3000/api/checkout/sessions", {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://localhost:3000" },
        body: JSON.stringify({ offeringId }),
      }),
      { params: Promise.resolve({}) },
    );

  it("answers 429 to the 21st Embedded Checkout start in a minute, not to another user", async () => {
    const { offering } = await embeddedOffering();
    const [buyer, other] = [await makeUser(), await makeUser()];
    signedIn(buyer);
    for (let i = 0; i < 20; i += 1) expect((await postSession(offering.id)).status).toBe(201);
    const refused = await postSession(offering.id);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      error: "rate_limited",
      details: { retryAfterSeconds: expect.any(Number) },
    });
    signedIn(other);
    expect((await postSession(offering.id)).status).toBe(201);
  });

  it("refuses Proceed to Payment past the limit with a message for the form", async () => {
    const offering = await makeOffering();
    signedIn(await makeUser());
    const proceed = () => {
      const form = new FormData();
      form.set("offeringId", offering.id);
      return proceedToPaymentAction({ status: "idle" }, form).catch((error: Error) => error);
    };
    for (let i = 0; i < 20; i += 1)
      expect(await proceed()).toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
    expect(await proceed()).toMatchObject({
      status: "error",
      error: "rate_limited",
      message: expect.stringContaining("too quickly"),
    });
  });
});

describe("when the limits' store is down", () => {
  it("lets every request through as it would go without limits", async () => {
    const limits = globalThis as unknown as { rateLimitPool?: pg.Pool; rateLimiters?: unknown };
    const saved = { pool: limits.rateLimitPool, limiters: limits.rateLimiters };
    const deadStore = new pg.Pool({
      connectionString: "postgresql://root@127.0.0.1:1/none",
      max: 2,
    });
    Object.assign(limits, { rateLimitPool: deadStore, rateLimiters: undefined });
    try {
      const offering = await makeOffering();
      for (let i = 0; i < 25; i += 1) {
        expect(await deliver(offering.id, "wrong", "198.51.100.1")).toMatchObject({ status: 401 });
      }
      expect(await deliver(offering.id, offering.webhookSecret, "198.51.100.1")).toMatchObject({
        status: 200,
      });
      await verifiedAccount("steady@example.com", "right-password");
      const signIn = {
        email: "steady@example.com",
        password: "right-password",
        clientAddress: "198.51.100.1",
      };
      expect(await signInWithPassword(signIn)).toMatchObject({ status: "ok" });
    } finally {
      await deadStore.end();
      Object.assign(limits, { rateLimitPool: saved.pool, rateLimiters: saved.limiters });
    }
  });
});
