/**
 * A TCP proxy a test can cut: put it between the app and PostgreSQL, then `cut()` resets every
 * live connection and stops listening (new connections are refused), as a network failure or a
 * database failover would; `restore()` listens again on the same port. `cutOnReply(match)` breaks
 * only the connection that receives the next server reply `match` accepts, before the app sees
 * that reply (say, COMMIT's: the commit went through, its answer is lost). The machine's
 * PostgreSQL server, which other work shares, is never touched.
 */
import { once } from "node:events";
import net from "node:net";
import { testDatabaseUrl } from "../../tooling/database/database-url";

export type TcpProxyOptions = {
  /** Where connections are forwarded. */
  target: { host: string; port: number };
  /** The port to listen on; 0 (the default) picks a free one, kept across cut() and restore(). */
  port?: number;
  host?: string;
};

export type TcpProxy = {
  host: string;
  port: number;
  /** Connections forwarded so far, including ones already closed. */
  readonly connectionsAccepted: number;
  /** Resets every live connection and refuses new ones until restore(). */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  restore(): Promise<void>;
  /** Cuts and stays cut: call when the test is done. */
  close(): Promise<void>;
  /**
   * Once: the next chunk the server sends that `match` accepts is dropped and its connection
   * reset; other connections, and new ones, carry on. Resolves when that has happened.
   */
  cutOnReply(match: (chunk: Buffer) => boolean): Promise<void>;
};

export async function startTcpProxy({ target, port = 0, host = "127.0.0.1" }: TcpProxyOptions) {
  const live = new Set<net.Socket>();
  let accepted = 0;
  let server: net.Server | null = null;
  let replyTrigger: { match: (chunk: Buffer) => boolean; fired: () => void } | null = null;

  const forward = (client: net.Socket) => {
    accepted += 1;
    const upstream = net.connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      live.add(socket);
      socket.setNoDelay(true);
      // Either side failing or closing ends the pair, as a broken link would.
      socket.on("error", () => destroyPair());
      socket.on("close", () => {
        live.delete(socket);
        destroyPair();
      });
    }
    function destroyPair() {
      client.destroy();
      upstream.destroy();
    }
    client.pipe(upstream);
    upstream.on("data", (chunk: Buffer) => {
      const trigger = replyTrigger;
      if (trigger?.match(chunk)) {
        replyTrigger = null;
        client.resetAndDestroy();
        upstream.destroy();
        trigger.fired();
        return;
      }
      if (!client.write(chunk)) upstream.pause();
    });
    client.on("drain", () => upstream.resume());
  };

  const listen = async (onPort: number) => {
    const next = net.createServer(forward);
    next.listen(onPort, host);
    await once(next, "listening");
    server = next;
    return (next.address() as net.AddressInfo).port;
  };

  const boundPort = await listen(port);

  const cut = async () => {
    const closing = server;
    server = null;
    // A reset (RST), not a polite close: the app sees ECONNRESET mid-query, as on a broken link.
    for (const socket of live) socket.resetAndDestroy();
    live.clear();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  return {
    host,
    port: boundPort,
    get connectionsAccepted() {
      return accepted;
    },
    cut,
    restore: async () => {
      if (!server) await listen(boundPort);
    },
    close: cut,
    cutOnReply: (match) =>
      new Promise<void>((resolve) => {
        replyTrigger = { match, fired: resolve };
      }),
  } satisfies TcpProxy;
}

/**
 * Points the app's DATABASE_URL at a proxy in front of the test database, so that a test can cut
 * it. Call it before the file's first query creates the client.
 */
export async function proxyTestDatabase(): Promise<TcpProxy> {
  const direct = new URL(testDatabaseUrl());
  const proxy = await startTcpProxy({
    target: { host: direct.hostname, port: Number(direct.port || 5432) },
  });
  const throughProxy = new URL(direct);
  throughProxy.host = `${proxy.host}:${proxy.port}`;
  process.env.DATABASE_URL = throughProxy.toString();
  return proxy;
}
