/**
 * bench:admin's CSV export: downloads every order as the admin's "Export orders (CSV)" link does,
 * reading the stream as it arrives, while sampling the server's resident memory (its whole
 * process group, /proc) every 250 ms. A streamed export holds one page of rows at a time, so its
 * memory stays flat however many orders there are; one that built the file in memory would grow
 * with it (a million orders make about 200 MB of CSV).
 */
import { performance } from "node:perf_hooks";
import { processGroupUsage } from "./process-usage";

export type ExportFigures = {
  rows: number;
  bytes: number;
  seconds: number;
  rssBeforeBytes: number;
  /** The highest reading in each quarter of the download. */
  rssPeakByQuarter: number[];
  rssPeakBytes: number;
  status: number;
};

export async function measureOrdersExport(options: {
  baseUrl: string;
  cookie: string;
  serverGroup: number;
}): Promise<ExportFigures> {
  const rss = () => processGroupUsage(options.serverGroup).rssBytes;
  const rssBeforeBytes = rss();
  const readings: Array<{ at: number; bytes: number }> = [];
  const started = performance.now();
  const sampler = setInterval(() => readings.push({ at: performance.now(), bytes: rss() }), 250);
  let bytes = 0;
  let rows = 0;
  let status = 0;
  try {
    const response = await fetch(`${options.baseUrl}/api/admin/exports/orders`, {
      headers: { cookie: options.cookie, "accept-encoding": "identity" },
    });
    status = response.status;
    if (!response.body) throw new Error(`the export answered ${response.status} with no body`);
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      for (const byte of chunk.value) if (byte === 10) rows++;
    }
  } finally {
    clearInterval(sampler);
  }
  const ended = performance.now();
  readings.push({ at: ended, bytes: rss() });
  const quarter = (ended - started) / 4;
  const rssPeakByQuarter = [0, 1, 2, 3].map((index) =>
    Math.max(
      0,
      ...readings
        .filter((reading) => Math.min(3, Math.floor((reading.at - started) / quarter)) === index)
        .map((reading) => reading.bytes),
    ),
  );
  return {
    rows: Math.max(0, rows - 1), // the header line
    bytes,
    seconds: (ended - started) / 1000,
    rssBeforeBytes,
    rssPeakByQuarter,
    rssPeakBytes: Math.max(...rssPeakByQuarter),
    status,
  };
}
