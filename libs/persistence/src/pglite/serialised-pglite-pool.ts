import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir.lock.js';
import { FifoLock } from './fifo-lock.js';

/**
 * A `pg.Pool` look-alike over one embedded PGlite instance, for TypeORM's postgres driver.
 *
 * PGlite has a single session: if two TypeORM query runners shared it, one runner's ROLLBACK would
 * discard the other's work. So a "connection" here is an exclusive lease on the session, taken in
 * FIFO order on connect and given back on release: transactions run one after another, never interleaved.
 * Code must therefore not open a second query runner while holding one (it would wait for itself).
 */
export class SerialisedPglitePool extends EventEmitter {
  private static db: Promise<PGlite> | undefined;
  private static dataDir: string | undefined;
  private static unlock: (() => void) | undefined;
  private readonly lock = new FifoLock();

  static configure(dataDir: string): void {
    if (this.db && this.dataDir !== dataDir) {
      throw new Error(`an embedded database is already open in ${this.dataDir}; only one PGlite can run per process`);
    }
    this.dataDir = dataDir;
  }

  private static instance(): Promise<PGlite> {
    if (!this.db) {
      const dir = this.dataDir;
      if (!dir) throw new Error('SerialisedPglitePool.configure(dataDir) must be called first');
      mkdirSync(dir, { recursive: true });
      // One process at a time on the folder (see EmbeddedDatabaseInUseError): taken before PGlite reads a page.
      const unlock = lockDataDir(dir);
      this.unlock = unlock;
      const boolSerializer = (v: unknown) => (v === true ? 'TRUE' : v === false ? 'FALSE' : String(v));
      this.db = PGlite.create({ dataDir: dir, serializers: { [types.BOOL]: boolSerializer } });
      this.db.catch(() => {
        this.db = undefined;
        this.unlock = undefined;
        unlock();
      });
    }
    return this.db;
  }

  static async close(): Promise<void> {
    const db = this.db;
    const unlock = this.unlock;
    this.db = undefined;
    this.unlock = undefined;
    try {
      if (db) await (await db).close();
    } finally {
      unlock?.();
    }
  }

  connect(callback?: (err: Error | null, client?: PgliteClient, release?: (err?: unknown) => void) => void): Promise<PgliteClient> | void {
    const lease = (async () => {
      const release = await this.lock.acquire();
      try {
        const db = await SerialisedPglitePool.instance();
        return { client: new PgliteClient(db, release), release };
      } catch (err) {
        release();
        throw err;
      }
    })();
    if (!callback) return lease.then((l) => l.client);
    lease.then(
      ({ client, release }) => callback(null, client, () => release()),
      (err) => callback(err as Error),
    );
  }

  async query(sql: string, params?: unknown[]): Promise<PgResult> {
    const release = await this.lock.acquire();
    try {
      return await run(await SerialisedPglitePool.instance(), sql, params);
    } finally {
      release();
    }
  }

  end(callback?: (err?: Error | null) => void): Promise<void> {
    const done = SerialisedPglitePool.close();
    if (callback)
      done.then(
        () => callback(null),
        (err) => callback(err),
      );
    return done;
  }
}

export interface PgResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: unknown[];
}

class PgliteClient extends EventEmitter {
  constructor(
    private readonly db: PGlite,
    private readonly releaseLease: () => void,
  ) {
    super();
  }

  query(sql: string, params?: unknown[]): Promise<PgResult> {
    return run(this.db, sql, params);
  }

  release(): void {
    this.releaseLease();
  }
}

async function run(db: PGlite, sql: string, params?: unknown[]): Promise<PgResult> {
  // Without parameters, exec() accepts several statements (migrations); TypeORM wants the last result.
  const result = params && params.length ? await db.query(sql, params) : (await db.exec(sql)).at(-1);
  const rows = (result?.rows ?? []) as unknown[];
  return {
    rows,
    rowCount: result?.affectedRows ?? rows.length,
    command: sql.trimStart().split(/\s/, 1)[0].toUpperCase(),
    fields: result?.fields ?? [],
  };
}

/** What TypeORM's postgres driver loads in place of the `pg` module. */
export const pgliteDriverModule = { Pool: SerialisedPglitePool };
