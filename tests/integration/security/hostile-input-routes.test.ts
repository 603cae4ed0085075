/**
 * Every route under app/api and app/webhooks, every method it exports, given hostile input: NUL
 * and unpaired surrogates, 10,000-deep nesting, 1e400 and 2**64, wrong content types, 1 MB
 * bodies, and ids no database can store. Each answer is a 4xx with `{error, message}` (or the
 * route's ordinary success where it ignores what was hostile), never a 5xx. A route file added
 * without a row here fails the completeness check. Auth.js's own route is in
 * hostile-input-auth.test.ts; provider events carrying NUL, applied, in hostile-input-events.test.ts.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  expectHandled,
  HOSTILE_IDS,
  hostileBodies,
  hostileQueries,
} from "../../helpers/hostile-input";
import {
  coveredElsewhere,
  fixtures,
  routeTable as table,
  setUpFixtures,
} from "../../helpers/hostile-route-table";
import {
  routesOnDisk,
  send,
  signInAs,
  type Caller,
  type RouteCase,
} from "../../helpers/hostile-routes";
import { setUpStripeSandbox } from "../../helpers/stripe-app-sandbox";

vi.mock("@/lib/auth/config", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/config")>()),
  auth: vi.fn(),
}));
vi.mock("@/lib/referrals/referral-cookie", () => ({ referralCodeFromCookie: async () => null }));

setUpStripeSandbox();

beforeAll(setUpFixtures);

function signInFor(caller: Caller) {
  if (caller.as === "admin") signInAs(fixtures.admin);
  else if (caller.as === "user") signInAs(fixtures.buyer);
  else signInAs(null);
}

const label = (route: RouteCase) => `${route.method} ${route.path}`;

describe("every route, every method, hostile input", () => {
  it("lists every route file on disk and every method it exports", async () => {
    const listed = [
      ...table.map((route) => `${route.file} ${route.method}`),
      ...coveredElsewhere,
    ].sort();
    expect(listed).toEqual(await routesOnDisk());
  });

  it.each(table.filter((route) => route.body))(
    "$method $path: hostile bodies get a 4xx, never a 5xx",
    async (route) => {
      signInFor(route.caller);
      for (const hostile of hostileBodies(route.body!(), {
        readsBody: route.readsBody ?? true,
        refusesUnstorable: (route.readsBody ?? true) && ["user", "admin"].includes(route.caller.as),
      })) {
        const response = await send(route, {
          body: hostile.body,
          contentType: hostile.contentType,
        });
        await expectHandled(response, `${label(route)} ${hostile.name}`, hostile.status);
      }
    },
  );

  it.each(table.filter((route) => route.param))(
    "$method $path: ids holding NUL or lone surrogates are 404",
    async (route) => {
      signInFor(route.caller);
      for (const hostileId of HOSTILE_IDS) {
        const body = route.body ? JSON.stringify(route.body()) : undefined;
        const response = await send(route, {
          id: hostileId,
          body,
          contentType: "application/json",
        });
        await expectHandled(response, `${label(route)} id ${JSON.stringify(hostileId)}`, 404);
      }
    },
  );

  it.each(table.filter((route) => route.filters))(
    "$method $path: hostile filters never give a 5xx",
    async (route) => {
      signInFor(route.caller);
      for (const query of hostileQueries(route.filters!)) {
        const response = await send(route, { query });
        await expectHandled(response, `${label(route)} ?${query.slice(0, 80)}`);
      }
    },
  );
});
