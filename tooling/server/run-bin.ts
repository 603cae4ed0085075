import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";

/** Runs a node_modules/.bin command to completion with its output passed through; its exit code. */
export async function runBin(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const bin = path.resolve("node_modules/.bin", command);
  const [code] = (await once(spawn(bin, args, { env, stdio: "inherit" }), "exit")) as [number];
  return code ?? 1;
}
