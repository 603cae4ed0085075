import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { authenticateWithPassword } from "@/lib/users/authenticate-with-password";
import { promoteConfiguredAdmin } from "@/lib/users/promote-configured-admin";
import { signUp } from "@/lib/users/sign-up";
import { resetDatabase } from "../helpers/reset";

beforeEach(resetDatabase);

describe("accounts", () => {
  it("stores a bcrypt hash, never the password, and signs in with it", async () => {
    const user = await signUp({ name: "Ada", email: "ada@example.com", password: "correct-horse" });
    const stored = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true, role: true } });
    expect(stored.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect(stored.passwordHash).not.toContain("correct-horse");
    expect(stored.role).toBe("USER");

    expect(await authenticateWithPassword({ email: "ada@example.com", password: "correct-horse" })).toMatchObject({ id: user.id });
    expect(await authenticateWithPassword({ email: "ada@example.com", password: "wrong-horse!" })).toBeNull();
    expect(await authenticateWithPassword({ email: "nobody@example.com", password: "correct-horse" })).toBeNull();
  });

  it("refuses a second account for the same email with 409", async () => {
    await signUp({ name: "", email: "twice@example.com", password: "password-1" });
    await expect(signUp({ name: "", email: "twice@example.com", password: "password-2" })).rejects.toMatchObject({
      code: "conflict",
      status: 409,
    });
  });

  it("makes admins only of ADMIN_EMAILS, at sign-up and for magic-link accounts", async () => {
    const admin = await signUp({ name: "", email: "first-admin@example.com", password: "password-1" });
    expect(admin.role).toBe("ADMIN");

    const magic = await db.user.create({ data: { email: "someone@example.com" }, select: { id: true } });
    await promoteConfiguredAdmin({ userId: magic.id, email: "someone@example.com" });
    expect((await db.user.findUniqueOrThrow({ where: { id: magic.id } })).role).toBe("USER");
  });
});
