import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

export interface TcpProxy {
  /** The URL with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** The server goes away for whoever talks through the proxy: open connections are cut, new ones refused. */
  cut(): Promise<void>;
  /** The server is back, on the same port (a directory restarted). */
  restore(): Promise<void>;
}

/**
 * A TCP relay in front of a real server, so that a test can make the server unreachable for the code under test (a
 * stopped server, a network cut) without stopping the server every other test shares.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const relay = (): Server =>
    createServer((client) => {
      const upstream = connect(target.port, target.host);
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
  let server: Server | null = relay();
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    async cut() {
      const closing = server;
      server = null;
      if (!closing) return;
      const closed = new Promise<void>((resolve) => closing.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    async restore() {
      if (server) return;
      const next = relay();
      await new Promise<void>((resolve, reject) => next.once('error', reject).listen(port, '127.0.0.1', () => resolve()));
      server = next;
    },
  };
}
