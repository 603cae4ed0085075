/**
 * What the launcher embeds. The embedded database is the demo, and the demo brings the Stripe
 * sandbox, the demo payment provider and the demo data (accounts with published passwords) with
 * it. With a real DATABASE_URL none of them runs unless asked for by name (STRIPE_SANDBOX=on,
 * DEMO_PROVIDER=on, DEMO_DATA=on): a production server that merely lacks a Stripe key must not
 * take test cards as payment, and an empty production database must not get an admin whose
 * password is in the README.
 */
/** Reads DATABASE_URL, STRIPE_SECRET_KEY, STRIPE_SANDBOX, DEMO_PROVIDER and DEMO_DATA. */
export type LaunchEnv = Record<string, string | undefined>;

export type LaunchPlan = {
  embeddedDatabase: boolean;
  stripeSandbox: boolean;
  demoProvider: boolean;
  /** Seed the demo offerings and accounts into an empty database. */
  demoData: boolean;
};

export function planLaunch(env: LaunchEnv): LaunchPlan {
  const embeddedDatabase = !env.DATABASE_URL;
  const explicitly = (flag: string | undefined) =>
    flag === undefined ? embeddedDatabase : flag === "on";
  return {
    embeddedDatabase,
    stripeSandbox: !env.STRIPE_SECRET_KEY && explicitly(env.STRIPE_SANDBOX),
    demoProvider: explicitly(env.DEMO_PROVIDER),
    demoData: explicitly(env.DEMO_DATA),
  };
}
