import { runBin } from "../server/run-bin";
import { recreateDatabase } from "./recreate-database";

/**
 * Drops and creates the database at `databaseUrl`, then migrates it in a child process
 * (`scripts/db/prepare.ts --no-seed`, with `env`, which must name that database as DATABASE_URL).
 */
export async function prepareDatabase(options: {
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
}): Promise<void> {
  await recreateDatabase(options.databaseUrl);
  const code = await runBin("tsx", ["scripts/db/prepare.ts", "--no-seed"], options.env);
  if (code !== 0) throw new Error(`Migrating ${options.databaseUrl} failed (exit ${code})`);
}
