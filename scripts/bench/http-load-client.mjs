/**
 * bench:catalog's load client, one process of several (catalog.ts spawns them), so that the
 * client is not what bounds the figures: keep-alive connections on node:http (its native parser,
 * far cheaper per request than fetch), each sending its next GET once the last answer is read,
 * for a fixed time. An answer counts as good when it is 200, ends the document, and holds
 * `count` times `marker` (every offering's card). Next's renders of one page differ in length
 * (their React payload's row numbering), so each new length is checked in full once, and an
 * answer of a length already found whole counts as whole (which keeps the client cheap).
 * Prints one JSON line: requests, bad answers
 * and the first, latencies (ms), and this process's CPU during the load.
 * Usage: node http-load-client.mjs <url> <connections> <seconds> <marker> <count>
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

const [url, connections, seconds, marker, count] = process.argv.slice(2);
const needle = Buffer.from(marker);
const end = Buffer.from("</html>");
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });
const headers = { "accept-encoding": "identity" };
const latencies = [];
const wholeLengths = new Set();
let bad = 0;
let firstBad;

function occurrences(body) {
  let found = 0;
  for (let at = body.indexOf(needle); at >= 0; at = body.indexOf(needle, at + needle.length)) {
    found += 1;
  }
  return found;
}

function get() {
  return new Promise((resolve) => {
    const before = performance.now();
    const request = http.get(target, { agent, headers }, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("end", () => {
        latencies.push(performance.now() - before);
        const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
        if (response.statusCode === 200 && wholeLengths.has(length)) return resolve();
        const body = Buffer.concat(chunks);
        const cards = occurrences(body);
        const whole = body.lastIndexOf(end) >= body.length - end.length - 2;
        if (response.statusCode === 200 && cards === Number(count) && whole) {
          wholeLengths.add(length);
        } else {
          bad += 1;
          firstBad ??= { status: response.statusCode, bytes: body.length, cards, whole };
        }
        resolve();
      });
      response.on("error", () => resolve());
    });
    request.setTimeout(30_000, () => request.destroy());
    request.on("error", (error) => {
      latencies.push(performance.now() - before);
      bad += 1;
      firstBad ??= { error: error.message };
      resolve();
    });
  });
}

const cpuBefore = process.cpuUsage();
const started = performance.now();
const deadline = started + Number(seconds) * 1000;
await Promise.all(
  Array.from({ length: Number(connections) }, async () => {
    while (performance.now() < deadline) await get();
  }),
);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
agent.destroy();
console.log(
  JSON.stringify({
    requests: latencies.length,
    bad,
    firstBad,
    latencies,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
  }),
);
