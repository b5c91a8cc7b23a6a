/** Starting a test server: a free port to give it, and the wait until it accepts a bind (slapd, Samba, their containers). */
import { createServer } from 'node:net';
import { Client } from 'ldapts';
import { sleep } from './host.js';

/** A free TCP port on 127.0.0.1 (bind port 0, read it, close). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))));
    });
  });
}

/** Resolves once `dn`/`password` can bind on `url`; rejects after timeoutMs or when isDead() says so. */
export async function waitForBind(
  url: string,
  dn: string,
  password: string,
  timeoutMs: number,
  isDead: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: string;
  for (;;) {
    const dead = isDead();
    if (dead) throw new Error(dead);
    const client = new Client({ url, connectTimeout: 1000, timeout: 2000 });
    try {
      await client.bind(dn, password);
      return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    } finally {
      await client.unbind().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`no bind as ${dn} on ${url} after ${timeoutMs} ms: ${lastError}`);
    await sleep(25);
  }
}
