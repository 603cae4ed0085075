import path from "node:path";

/** Where the end-to-end server's mail sink writes what the app sent. */
export const e2eMailFile = path.resolve(".data/e2e-mail.jsonl");
/** The end-to-end server's own log. */
export const e2eServerLog = path.resolve(".data/e2e-server.log");
