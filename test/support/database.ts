/**
 * Throw-away PostgreSQL databases for integration tests: `vigie_test_<runid>_<random>` on the server of
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), or on the run's PostgreSQL container
 * in container mode (servers.ts). Global teardown drops whatever a run left behind.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { runIdTime, serverMode, testRunId } from './servers.js';

export interface TestDatabase {
  /** postgres:// URL of the new database, same credentials as the admin URL. */
  url: string;
  name: string;
  /** DROP DATABASE ... WITH (FORCE): closes the connections still open. Idempotent. */
  drop(): Promise<void>;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Set by global setup in container mode: admin URL of the run's PostgreSQL container. */
export const CONTAINER_PG_ENV = 'VIGIE_TEST_PG_URL';
export const START_POSTGRES_HINT = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const PREFIX = 'vigie_test_';

/** The server URL test databases are created from (a database this user can connect to; needs CREATEDB). */
export async function adminDatabaseUrl(): Promise<string> {
  if ((await serverMode()) === 'containers') {
    const fromSetup = process.env[CONTAINER_PG_ENV];
    if (fromSetup) return fromSetup;
    const { sharedPostgresContainerUrl } = await import('./containers.js');
    return sharedPostgresContainerUrl();
  }
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + encodeURIComponent(database);
  return u.toString();
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN', '57P03']);

/** Connects a pg client to url; a server that does not answer gives an error that says how to start one. */
export async function connectAdmin(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => undefined); // a server going away later must not crash the test process
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    const e = err as Error & { code?: string };
    const why = `${e.code ?? ''} ${e.message || String(err)}`.trim();
    const timedOut = /timeout/i.test(e.message ?? '');
    if (UNREACHABLE.has(e.code ?? '') || timedOut) {
      throw new Error(
        `PostgreSQL is not reachable at ${redactUrl(url)} (${why}). The integration tests need a PostgreSQL server: ` +
          `start the local one with \`${START_POSTGRES_HINT}\`, or set DATABASE_URL to a server where this user may ` +
          `CREATE DATABASE (or use TESTCONTAINERS=force with Docker).`,
        { cause: err },
      );
    }
    throw new Error(`cannot connect to PostgreSQL at ${redactUrl(url)}: ${why}`, { cause: err });
  }
}

/** Throws the explanatory error of connectAdmin when the test server cannot be reached. */
export async function checkPostgres(url?: string): Promise<string> {
  const client = await connectAdmin(url ?? (await adminDatabaseUrl()));
  try {
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    return rows[0].v;
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => '"' + name.replace(/"/g, '""') + '"';

/** Creates `vigie_test_<runid>_<random>` and returns its URL; drop() removes it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = await adminDatabaseUrl();
  const name = `${PREFIX}${testRunId()}_${randomBytes(4).toString('hex')}`;
  const admin = await connectAdmin(adminUrl);
  try {
    await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } finally {
    await admin.end();
  }
  let dropped = false;
  return {
    url: withDatabase(adminUrl, name),
    name,
    async drop() {
      if (dropped) return;
      const c = await connectAdmin(adminUrl);
      try {
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
        dropped = true;
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * Drops the test databases of a run, and those of runs started more than staleHours ago (a killed run leaves
 * its databases behind). Returns the names dropped.
 */
export async function dropRunDatabases(runId: string, options: { url?: string; staleHours?: number } = {}): Promise<string[]> {
  const url = options.url ?? (await adminDatabaseUrl());
  const staleBefore = Date.now() - (options.staleHours ?? 24) * 3600_000;
  const client = await connectAdmin(url);
  const dropped: string[] = [];
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'vigie\\_test\\_%'`);
    for (const { datname } of rows) {
      const rid = datname.slice(PREFIX.length).split('_')[0];
      const started = runIdTime(rid);
      if (rid !== runId && !(started && started.getTime() < staleBefore)) continue;
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
      dropped.push(datname);
    }
  } finally {
    await client.end();
  }
  return dropped;
}
