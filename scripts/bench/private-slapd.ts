import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client } from 'ldapts';

/** A slapd of its own for the benchmark, configured by the same script as the tests' and the image's. */
export interface PrivateSlapd {
  url: string;
  rootDn: string;
  rootPassword: string;
  suffix: string;
  /** With `tls`: the CA of the server's certificate (StartTLS on `url`). */
  caFile?: string;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('../../../docker/openldap/vigie-slapd.sh', import.meta.url));
const PATH = `${process.env.PATH ?? ''}:/usr/sbin:/sbin:/usr/local/sbin`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Bulk-loads `ldif` with slapadd (the script's init), then starts slapd on a free loopback port. */
export async function startPrivateSlapd(dir: string, ldif: string, suffix: string, options: { tls?: boolean } = {}): Promise<PrivateSlapd> {
  const port = await freePort();
  const rootDn = `cn=admin,${suffix}`;
  const rootPassword = 'bench-secret';
  const log = join(dir, 'slapd.log');
  const fd = openSync(log, 'a');
  const child: ChildProcess = spawn('bash', [SCRIPT, 'run'], {
    env: {
      ...process.env,
      PATH,
      LDAP_DIR: dir,
      LDAP_SUFFIX: suffix,
      LDAP_ROOT_PASSWORD: rootPassword,
      LDAP_LDIF: ldif,
      LDAP_URLS: `ldap://127.0.0.1:${port}/`,
      ...(options.tls ? { LDAP_TLS: '1' } : {}),
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exited = false;
  child.on('exit', () => (exited = true));
  const url = `ldap://127.0.0.1:${port}`;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    if (exited) throw new Error(`slapd did not start; ${log}:\n${readFileSync(log, 'utf8').slice(-2000)}`);
    const client = new Client({ url, connectTimeout: 1000 });
    try {
      await client.bind(rootDn, rootPassword);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`slapd did not answer on ${url}`);
      await sleep(200);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
  return {
    url,
    rootDn,
    rootPassword,
    suffix,
    ...(options.tls ? { caFile: join(dir, 'tls', 'ca.crt') } : {}),
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    },
  };
}
