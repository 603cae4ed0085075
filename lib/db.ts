/** The one Prisma client, on PostgreSQL through the pg driver adapter. */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/env";

// Secrets are left out of every query unless one asks for them by name.
const omit = {
  user: { passwordHash: true },
  offering: { webhookSecret: true, previousWebhookSecret: true, stripeSigningSecret: true },
} satisfies Prisma.GlobalOmitConfig;

function createClient() {
  const env = getEnv();
  const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_SIZE });
  return new PrismaClient({
    adapter,
    omit,
    // Bursts of webhook deliveries queue for a pooled connection; give them time to get one.
    transactionOptions: { maxWait: 20_000, timeout: 20_000 },
  });
}

type Client = ReturnType<typeof createClient>;
const globalForDb = globalThis as unknown as { prismaClient?: Client };

function client(): Client {
  globalForDb.prismaClient ??= createClient();
  return globalForDb.prismaClient;
}

/** Created on first use, so importing this module needs no configuration. */
export const db: Client = new Proxy({} as Client, {
  get(_target, property) {
    const value = Reflect.get(client(), property);
    return typeof value === "function" ? value.bind(client()) : value;
  },
});

export type Tx = Parameters<Parameters<Client["$transaction"]>[0]>[0];
