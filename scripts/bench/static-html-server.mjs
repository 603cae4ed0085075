/**
 * bench:catalog's yardstick: a plain Node `http` server answering every request with one HTML
 * file held in memory (the page Next served), so the benchmark compares Next with the cheapest
 * way to send the same bytes. Usage: node static-html-server.mjs <html file> <port>.
 */
import { readFileSync } from "node:fs";
import http from "node:http";

const [htmlPath, port] = process.argv.slice(2);
const html = readFileSync(htmlPath);
const headers = { "content-type": "text/html; charset=utf-8", "content-length": html.length };

http
  .createServer((_request, response) => {
    response.writeHead(200, headers);
    response.end(html);
  })
  .listen(Number(port), "127.0.0.1", () => console.log(`static server on ${port}`));
