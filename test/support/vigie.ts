import { type Vigie, createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import type { DirectoryReader } from '#vigie/directory';
import type { SyncService } from '#vigie/identity';
import type { ClosableSqlClient } from '#vigie/persistence';
import { publishedFileFor, trailKeyEnv, trailKeysOf } from './trail.js';

/** One pair of trail keys per test file: every Vigie of a file pseudonymises alike, as the replicas of one site do. */
const FILE_KEYS = trailKeyEnv();

/** The file's trail keys as environment variables, for a `vigie` command run beside a composed Vigie on one database. */
export const fileTrailKeyEnv = () => ({ ...FILE_KEYS });

/** The file's trail keys, for a test that writes the trail itself beside a composed Vigie (same pseudonyms). */
export const fileTrailKeys = () => trailKeysOf(FILE_KEYS);

export interface TestVigieOptions {
  /** The PostgreSQL database of the test; the embedded PGlite in `dataDir` when absent. */
  url?: string;
  dataDir?: string;
  /** A client already opened on the test database, to run on instead (not closed by Vigie). */
  database?: ClosableSqlClient;
  /** Configuration on top of the defaults (directories, policy, hr, alerts...). The scheduler is off. */
  overrides?: Record<string, unknown>;
  /** Trail keys as their environment variables; the file's by default. */
  keys?: ReturnType<typeof trailKeyEnv>;
  /** More environment variables (a directory's bindPasswordEnv...). */
  env?: Record<string, string>;
}

/**
 * Vigie composed as the applications compose it (the one composition root), on a test database: integration tests
 * reach services through `vigie.dependencies` or run use cases through `vigie.run`, never wire them by hand.
 */
export function testVigie(options: TestVigieOptions): Vigie {
  const env: Record<string, string> = { ...(options.keys ?? FILE_KEYS), ...options.env, ...(options.url ? { DATABASE_URL: options.url } : {}) };
  const given = (options.overrides ?? {}) as { trail?: Record<string, unknown> };
  const overrides = {
    scheduler: { enabled: false },
    ...(options.dataDir ? { database: { dataDir: options.dataDir } } : {}),
    ...options.overrides,
    // Checkpoints published to a file of the test's database, never the repository's .vigie/.
    trail: { publish: { file: publishedFileFor(options.url ?? options.dataDir) }, ...given.trail },
  };
  return createVigie(loadConfig({ env, file: '/dev/null', overrides }), { database: options.database });
}

/**
 * The sync as the applications compose it, on a client of the test's own (the database's two kinds of client
 * compared); with a reader of the test's own (one that fails at a chosen moment), the rest as composed.
 */
export async function syncServiceOn(database: ClosableSqlClient, reader?: DirectoryReader): Promise<SyncService> {
  const deps = testVigie({ database }).dependencies;
  if (!reader) return deps.syncService();
  const [{ SyncService: Sync }, snapshots, runs, trail, uow] = await Promise.all([
    import('#vigie/identity'),
    deps.snapshots(),
    deps.syncRuns(),
    deps.trailWriter(),
    deps.unitOfWork(),
  ]);
  return new Sync({ reader, snapshots, runs, trail, uow });
}
