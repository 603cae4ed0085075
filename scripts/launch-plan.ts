/**
 * What the launcher embeds. The embedded database is the demo, and the demo brings the Stripe
 * sandbox and the demo payment provider with it. With a real DATABASE_URL neither runs unless
 * asked for by name (STRIPE_SANDBOX=on, DEMO_PROVIDER=on): a production server that merely lacks
 * a Stripe key must not take test cards as payment.
 */
/** Reads DATABASE_URL, STRIPE_SECRET_KEY, STRIPE_SANDBOX and DEMO_PROVIDER. */
export type LaunchEnv = Record<string, string | undefined>;

export type LaunchPlan = {
  embeddedDatabase: boolean;
  stripeSandbox: boolean;
  demoProvider: boolean;
};

export function planLaunch(env: LaunchEnv): LaunchPlan {
  const embeddedDatabase = !env.DATABASE_URL;
  const explicitly = (flag: string | undefined) =>
    flag === undefined ? embeddedDatabase : flag === "on";
  return {
    embeddedDatabase,
    stripeSandbox: !env.STRIPE_SECRET_KEY && explicitly(env.STRIPE_SANDBOX),
    demoProvider: explicitly(env.DEMO_PROVIDER),
  };
}
