/**
 * bench:catalog's load client, one process of several (catalog.ts spawns them), so that the
 * client is not what bounds the figures: keep-alive connections on node:http (its native parser,
 * far cheaper per request than fetch), each sending its next GET once the last answer is read,
 * for a fixed time. An answer counts as good when it is 200 and exactly `expectedBytes` long
 * (the page catalog.ts checked in full before). Prints one JSON line: requests, bad answers,
 * latencies (ms), and this process's CPU during the load.
 * Usage: node http-load-client.mjs <url> <connections> <seconds> <expectedBytes>
 */
import http from "node:http";
import { performance } from "node:perf_hooks";

const [url, connections, seconds, expectedBytes] = process.argv.slice(2);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(connections) });
const headers = { "accept-encoding": "identity" };
const latencies = [];
let bad = 0;

function get() {
  return new Promise((resolve) => {
    const before = performance.now();
    const request = http.get(target, { agent, headers }, (response) => {
      let bytes = 0;
      response.on("data", (chunk) => (bytes += chunk.length));
      response.on("end", () => {
        latencies.push(performance.now() - before);
        if (response.statusCode !== 200 || bytes !== Number(expectedBytes)) bad += 1;
        resolve();
      });
      response.on("error", () => resolve());
    });
    request.setTimeout(30_000, () => request.destroy());
    request.on("error", () => {
      latencies.push(performance.now() - before);
      bad += 1;
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
    latencies,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
  }),
);
