// npm install's own step, two tasks side by side: the Prisma client (scripts/prisma-generate.mjs),
// which the app needs, and the embedded database's template (scripts/db/embedded-template.ts),
// which only makes the first `npm run dev` quicker: if it cannot be made, the install goes on.
import { spawn } from "node:child_process";

const run = (args) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "inherit" });
    child.on("error", () => resolve(1));
    child.on("exit", (code) => resolve(code ?? 1));
  });

const [generated] = await Promise.all([
  run(["scripts/prisma-generate.mjs"]),
  run(["scripts/db/embedded-template.ts"]),
]);
process.exit(generated);
