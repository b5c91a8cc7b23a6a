/**
 * The API answers effective-access questions from slices of the stored directories, found in SQL by the group
 * references the policy writes (PgAccessSliceStore). Those lookups must read a reference as the audit reads it
 * on the whole snapshot: the same table of references as the unit specs, on the same directories synchronised into
 * a real PostgreSQL.
 */
import { EffectiveAccessCalculator, EffectiveAccessService } from '#vigie/access';
import type { DirectorySnapshot } from '#vigie/identity';
import { type ClosableSqlClient, PgAccessSliceStore, PgSnapshotStore, openSqlClient } from '#vigie/persistence';
import { loadPolicyFromFiles, StaticPolicySource } from '#vigie/policy';
import { EVERYONE_GROUPS, GROUP_REFERENCE_CASES, resourceOf, type TableDirectory, tableLdif, tablePolicyFiles } from '#vigie/access/testing';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { syncServiceOn } from '../support/vigie.js';

const DIRECTORIES: TableDirectory[] = ['corp-ad', 'corp-ldap'];

describe('group references in the database slices of effective access', () => {
  let db: TestDatabase;
  let ds: ClosableSqlClient;
  const stored = new Map<string, DirectorySnapshot>();
  const policyOf = (directory: TableDirectory) => loadPolicyFromFiles(`table-${directory}`, tablePolicyFiles(directory));
  const serviceFor = (directory: TableDirectory) => new EffectiveAccessService(new StaticPolicySource(policyOf(directory)), new PgAccessSliceStore(ds));

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await openSqlClient({ url: db.url, dataDir: '' });
    const snapshots = new PgSnapshotStore(ds);
    const sync = await syncServiceOn(ds);
    for (const name of DIRECTORIES) await sync.sync({ kind: 'ldif', name, file: tableLdif(name) });
    for (const snapshot of await snapshots.load()) stored.set(snapshot.directory, snapshot);
  });

  afterAll(async () => {
    await ds?.close();
    await db?.drop();
  });

  it.each(GROUP_REFERENCE_CASES.map((c) => [c.directory, c.about, c.ref, c] as const))(
    'who reaches a resource granted, in %s, to %s (%j)',
    async (directory, _about, _ref, c) => {
      const view = await serviceFor(directory).resourceAccess(resourceOf(c), { directory });
      const principals = view.grants.flatMap((g) => g.principals.map((p) => p.name)).sort();
      const answer = principals.length === 0 ? 'unknown' : view.openTo.some((o) => o.explain.length === 1) ? 'everyone-like' : 'group';
      expect({ answer, principals }).toEqual({ answer: c.answer, principals: c.principals });
      // The holders the slice finds are those the whole snapshot gives, as the audit computes them.
      const whole = new EffectiveAccessCalculator(stored.get(directory)!, policyOf(directory).resources, { everyoneGroups: EVERYONE_GROUPS[directory] });
      expect(view.holders.map((h) => h.login).sort()).toEqual(
        whole
          .holdersOf(resourceOf(c))
          .map((h) => h.account.login)
          .sort(),
      );
    },
  );

  it.each(DIRECTORIES)('what each account of %s reaches, from the slice above it, is what the whole snapshot gives', async (directory) => {
    const snapshot = stored.get(directory)!;
    const whole = new EffectiveAccessCalculator(snapshot, policyOf(directory).resources, { everyoneGroups: EVERYONE_GROUPS[directory] });
    for (const account of snapshot.accounts) {
      const view = await serviceFor(directory).identityAccess(account.login!, { directory });
      const reached = view.accounts.flatMap((a) => a.access.map((x) => x.resource.id)).sort();
      expect({ login: account.login, reached }).toEqual({
        login: account.login,
        reached: [...new Set(whole.entitlementsOf(account).map((e) => e.resourceId))].sort(),
      });
    }
  });
});
