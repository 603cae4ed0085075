import { Writable } from "node:stream";

/** A log destination that hands each JSON line the app logs, parsed, to `onLine`. */
export function logLineSink<T>(onLine: (line: T) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean))
        onLine(JSON.parse(line) as T);
      done();
    },
  });
}
