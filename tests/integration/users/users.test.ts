import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { mayIssueEmailLink } from "@/lib/auth/email-links";
import { authenticateWithPassword } from "@/lib/users/authenticate-with-password";
import { changePassword } from "@/lib/users/change-password";
import { confirmEmailOwnership } from "@/lib/users/confirm-email-ownership";
import { revokeSessions } from "@/lib/users/revoke-sessions";
import { signUp } from "@/lib/auth/sign-up";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

const account = (id: string) =>
  db.user.findUniqueOrThrow({
    where: { id },
    select: { role: true, emailVerified: true, passwordHash: true, sessionVersion: true },
  });

describe("accounts: an email address confers nothing until its owner proves it", () => {
  it("stores a bcrypt hash, never the password, and refuses sign-in until the address is verified", async () => {
    const { userId, created } = await signUp({
      name: "Ada",
      email: "ada@example.com",
      password: "correct-horse",
    });
    expect(created).toBe(true);
    const stored = await account(userId);
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect(stored.passwordHash).not.toContain("correct-horse");
    expect(stored.emailVerified).toBeNull();

    expect(
      await authenticateWithPassword({ email: "ada@example.com", password: "correct-horse" }),
    ).toEqual({ status: "unverified" });
    expect(
      await authenticateWithPassword({ email: "ada@example.com", password: "wrong-horse!" }),
    ).toEqual({ status: "wrong" });

    await confirmEmailOwnership({ userId, keepPassword: true });
    expect(
      await authenticateWithPassword({ email: "ada@example.com", password: "correct-horse" }),
    ).toMatchObject({
      status: "ok",
      user: { id: userId },
    });
    expect(
      await authenticateWithPassword({ email: "nobody@example.com", password: "correct-horse" }),
    ).toEqual({ status: "wrong" });
  });

  it("admin takeover: a sign-up on an ADMIN_EMAILS address stays USER until the sign-up link is opened", async () => {
    const { userId } = await signUp({
      name: "",
      email: "first-admin@example.com",
      password: "attacker-pass",
    });
    expect(await account(userId)).toMatchObject({
      role: "USER",
      emailVerified: null,
      sessionVersion: 0,
    });

    expect(await confirmEmailOwnership({ userId, keepPassword: true })).toEqual({
      confirmed: true,
      claimed: 0,
    });
    const verified = await account(userId);
    expect(verified.role).toBe("ADMIN");
    expect(verified.emailVerified).toBeInstanceOf(Date);
    expect(verified.passwordHash).not.toBeNull();
    expect(verified.sessionVersion).toBe(1);

    // Only the first proof counts; opening another link later changes nothing.
    expect(await confirmEmailOwnership({ userId, keepPassword: false })).toEqual({
      confirmed: false,
      claimed: 0,
    });
    expect(await account(userId)).toMatchObject({
      sessionVersion: 1,
      passwordHash: verified.passwordHash,
    });
  });

  it("pre-hijacking: a sign-in link that first proves the address discards the stranger's password and ends their sessions", async () => {
    const { userId } = await signUp({
      name: "",
      email: "victim@example.com",
      password: "strangers-pass",
    });
    await confirmEmailOwnership({ userId, keepPassword: false });

    const after = await account(userId);
    expect(after.passwordHash).toBeNull();
    expect(after.sessionVersion).toBe(1);
    expect(
      await authenticateWithPassword({ email: "victim@example.com", password: "strangers-pass" }),
    ).toEqual({ status: "wrong" });
  });

  it("a configured address never becomes admin while unverified, however often it signs up", async () => {
    const first = await signUp({
      name: "",
      email: "first-admin@example.com",
      password: "password-1",
    });
    const second = await signUp({
      name: "",
      email: "first-admin@example.com",
      password: "password-2",
    });
    expect(second).toMatchObject({ userId: first.userId, created: false });
    expect((await account(first.userId)).role).toBe("USER");
  });

  it("a sign-up for a known address changes nothing about that account", async () => {
    const { userId } = await signUp({
      name: "",
      email: "known@example.com",
      password: "owners-pass",
    });
    await confirmEmailOwnership({ userId, keepPassword: true });
    const before = await account(userId);

    expect(
      await signUp({ name: "Mallory", email: "known@example.com", password: "mallorys-pass" }),
    ).toMatchObject({ userId, created: false });
    expect(await account(userId)).toEqual(before);
    expect(
      await authenticateWithPassword({ email: "known@example.com", password: "mallorys-pass" }),
    ).toEqual({ status: "wrong" });
  });

  it("spends one bcrypt comparison whether or not the address has an account", async () => {
    const { userId } = await signUp({
      name: "",
      email: "timed@example.com",
      password: "timed-pass",
    });
    await confirmEmailOwnership({ userId, keepPassword: true });
    // Alternating the two addresses makes a busy machine slow both alike.
    const timings = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < 9; i += 1) {
      for (const [kind, email] of [
        ["known", "timed@example.com"],
        ["unknown", "nobody-here@example.com"],
      ] as const) {
        const start = performance.now();
        await authenticateWithPassword({ email, password: "not-the-password" });
        timings[kind].push(performance.now() - start);
      }
    }
    const median = (times: number[]) => times.sort((a, b) => a - b)[4];
    const known = median(timings.known);
    const unknown = median(timings.unknown);
    // Without the dummy comparison an unknown address answers in about a tenth of the time.
    expect(unknown).toBeGreaterThan(known * 0.6);
    expect(unknown).toBeGreaterThan(20);
  });

  it("changing the password checks the current one and ends every session", async () => {
    const { userId } = await signUp({
      name: "",
      email: "changer@example.com",
      password: "old-password",
    });
    await confirmEmailOwnership({ userId, keepPassword: true });
    await expect(
      changePassword({ userId, currentPassword: "not-it", newPassword: "new-password" }),
    ).rejects.toMatchObject({
      code: "validation_failed",
    });
    expect((await account(userId)).sessionVersion).toBe(1);

    await changePassword({ userId, currentPassword: "old-password", newPassword: "new-password" });
    expect((await account(userId)).sessionVersion).toBe(2);
    expect(
      await authenticateWithPassword({ email: "changer@example.com", password: "old-password" }),
    ).toEqual({ status: "wrong" });
    expect(
      await authenticateWithPassword({ email: "changer@example.com", password: "new-password" }),
    ).toMatchObject({ status: "ok" });
  });

  it("revoking sessions raises the version every session token must match", async () => {
    const { userId } = await signUp({
      name: "",
      email: "leaver@example.com",
      password: "leaver-pass",
    });
    await revokeSessions({ userId });
    await revokeSessions({ userId });
    expect((await account(userId)).sessionVersion).toBe(2);
  });
});

describe("email links: at most one a minute and five an hour per address", () => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  const issued = (email: string, secondsAgo: number, now: Date) =>
    db.verificationToken.create({
      data: {
        identifier: email,
        token: `${email}-${secondsAgo}`,
        expires: new Date(now.getTime() + DAY_MS - secondsAgo * 1000),
      },
    });

  it("refuses a second link within a minute, and a sixth within an hour", async () => {
    const now = new Date();
    expect(await mayIssueEmailLink("a@example.com", now)).toBe(true);
    await issued("a@example.com", 30, now);
    expect(await mayIssueEmailLink("a@example.com", now)).toBe(false);
    expect(await mayIssueEmailLink("b@example.com", now)).toBe(true);

    for (const secondsAgo of [100, 600, 1200, 1800]) await issued("c@example.com", secondsAgo, now);
    expect(await mayIssueEmailLink("c@example.com", now)).toBe(true);
    await issued("c@example.com", 2400, now);
    expect(await mayIssueEmailLink("c@example.com", now)).toBe(false);
    // Links older than an hour no longer count.
    expect(
      await mayIssueEmailLink("c@example.com", new Date(now.getTime() + 3 * 60 * 60 * 1000)),
    ).toBe(true);
  });
});
