import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vigie } from '#vigie/application';
import { closeEmbeddedDatabase } from '#vigie/persistence';
import { type TestDatabase, createTestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

const event = (eventId: string, effectiveDate: string, employeeId = 'E9001') => ({
  source: 'scim' as const,
  eventId,
  type: 'hire' as const,
  effectiveDate,
  person: { employeeId, firstName: 'Nguyễn', lastName: 'Văn An', department: 'ressources humaines' },
  userName: 'An.Nguyen@acme.test',
});

/**
 * Receiving HR events as the receivers do (`vigie.run('receive-hr-event', …)`), then listing and replaying them, on
 * both databases: the event, its person, its trail entry and its job land together; the same event sent twice at once
 * is one row; a replay makes a new job (its version changed).
 */
describe.each([
  ['PostgreSQL', true],
  ['the embedded PGlite', false],
])('HR events received on %s', (_label, postgres) => {
  let db: TestDatabase | undefined;
  let dir: string | undefined;
  let vigie: Vigie;

  beforeAll(async () => {
    if (postgres) db = await createTestDatabase();
    else dir = mkdtempSync(join(tmpdir(), 'vigie-hr-events-'));
    vigie = testVigie({
      ...(db ? { url: db.url } : { dataDir: join(dir!, 'data') }),
      overrides: {
        directories: [{ name: 'corp-ldap', kind: 'ldap', url: 'ldap://127.0.0.1:9', baseDn: 'dc=acme,dc=test' }],
        hr: { directory: 'corp-ldap' },
        policy: { dir: fixture('hr-events/policy') },
      },
    });
  });

  afterAll(async () => {
    await vigie?.close();
    if (db) await db.drop();
    else await closeEmbeddedDatabase();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    (await vigie.dependencies.database()).query(sql, params) as Promise<T[]>;
  const jobsOf = (id: string) => rows<{ key: string }>(`SELECT singleton_key AS key FROM pgboss.job WHERE name = 'hr.apply' AND data->>'eventId' = $1`, [id]);

  it('stores the same event sent twice at once as one row, with its person and one trail entry, and hands it to the worker', async () => {
    const answers = await Promise.all([
      vigie.run('receive-hr-event', event('scim-1', '2026-01-05')),
      vigie.run('receive-hr-event', event('scim-1', '2026-01-05')),
    ]);
    expect(answers.map((a) => a.duplicate).sort()).toEqual([false, true]);
    expect(answers[0]!.id).toBe(answers[1]!.id);
    const id = answers[0]!.id;
    expect(await rows(`SELECT source, event_id, status FROM hr_event`)).toEqual([{ source: 'scim', event_id: 'scim-1', status: 'pending' }]);
    expect(await rows(`SELECT employee_id, user_name FROM hr_person`)).toEqual([{ employee_id: 'E9001', user_name: 'An.Nguyen@acme.test' }]);
    expect(await rows(`SELECT action FROM trail_entry WHERE action = 'hr-event.received'`)).toHaveLength(1);
    expect(await jobsOf(id)).toEqual([{ key: `hr:${id}:1` }]);
  });

  it('keeps an event of a later day for the sweep: no job yet', async () => {
    const later = await vigie.run('receive-hr-event', event('scim-2', '2099-01-05', 'E9002'));
    expect(later).toMatchObject({ status: 'pending', duplicate: false, effectiveAt: new Date('2099-01-04T23:00:00Z') });
    expect(await jobsOf(later.id)).toEqual([]);
  });

  it('lists the dead-letter list, and replays a dead event with a new job, its error kept in the trail', async () => {
    const [{ id }] = await rows<{ id: string }>(`SELECT id FROM hr_event WHERE event_id = 'scim-1'`);
    await rows(`UPDATE hr_event SET status = 'dead', attempts = 3, body = jsonb_set(body, '{lastError}', $2::jsonb) WHERE id = $1`, [
      id,
      JSON.stringify({ message: 'the manager E2004 has no account', kind: 'not-found' }),
    ]);
    const dead = await vigie.run('list-hr-events', { status: 'dead' });
    expect(dead.items.map((e) => [e.id, e.lastError?.message])).toEqual([[id, 'the manager E2004 has no account']]);

    const replayed = await vigie.run(
      'replay-hr-event',
      { id },
      { actor: { type: 'token', id: 'admin-token', name: 'ops', roles: ['admin'], method: 'token' } },
    );
    expect(replayed).toMatchObject({ status: 'pending', attempts: 0, lastError: null, version: 2 });
    expect((await jobsOf(id)).map((j) => j.key).sort()).toEqual([`hr:${id}:1`, `hr:${id}:2`]);
    expect(await rows(`SELECT actor_type, actor_id FROM trail_entry WHERE action = 'hr-event.replayed'`)).toEqual([
      { actor_type: 'token', actor_id: 'admin-token' },
    ]);
    await expect(vigie.run('replay-hr-event', { id })).rejects.toMatchObject({ kind: 'conflict' });
  });
});
