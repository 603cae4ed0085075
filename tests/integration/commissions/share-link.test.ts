/** `/r/{code}`: a known code is remembered in a cookie; unknown or malformed ones are ignored. */
import { beforeEach, describe, expect, it } from "vitest";
import { GET } from "@/app/r/[code]/route";
import { db } from "@/lib/db";
import { makeUser } from "../../../tooling/seed/factories";
import { resetDatabase } from "../../helpers/reset";

beforeEach(resetDatabase);

async function visit(code: string, query = "") {
  const response = await GET(new Request(`http://localhost:3000/r/${code}${query}`), {
    params: Promise.resolve({ code }),
  });
  return {
    status: response.status,
    location: response.headers.get("location"),
    cookie: response.headers.get("set-cookie"),
  };
}

describe("share links", () => {
  it("sets a 30-day HttpOnly cookie for a known code and lands on the catalog or the named offering", async () => {
    const user = await makeUser();
    await db.user.update({ where: { id: user.id }, data: { referralCode: "known-code" } });
    expect(await visit("known-code")).toEqual({
      status: 303,
      location: "http://localhost:3000/offerings",
      cookie: "ref=known-code; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax",
    });
    expect((await visit("known-code", "?offering=off_123")).location).toBe(
      "http://localhost:3000/offerings/off_123",
    );
  });

  it("lands without a cookie for an unknown or malformed code, and ignores a malformed offering", async () => {
    for (const code of ["nobody-has-it", "<script>", "x"]) {
      expect(await visit(encodeURIComponent(code), "?offering=../admin")).toEqual({
        status: 303,
        location: "http://localhost:3000/offerings",
        cookie: null,
      });
    }
  });
});
