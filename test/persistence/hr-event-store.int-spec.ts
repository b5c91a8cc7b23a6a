import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HrFollowUp } from '#vigie/hr';
import { anHrEvent, anHrPerson, anHrPersonData } from '#vigie/hr/testing';
import { type ClosableSqlClient, PgHrEventStore, PgPersonalDataStore, closeEmbeddedDatabase, openSqlClient } from '#vigie/persistence';
import { type TestDatabase, createTestDatabase } from '../support/database.js';

const at = (iso: string) => new Date(iso);

function aFollowUp(over: Partial<HrFollowUp> = {}): HrFollowUp {
  return {
    id: randomUUID(),
    kind: 'remove-groups',
    employeeId: 'E5001',
    eventId: randomUUID(),
    dueAt: at('2027-02-01T00:00:00Z'),
    directory: 'corp',
    dn: 'uid=elodie.delafontaine,ou=Finance,dc=acme,dc=test',
    groups: ['cn=GG_Compta,ou=Groups,dc=acme,dc=test'],
    status: 'scheduled',
    lastError: null,
    doneAt: null,
    ...over,
  };
}

/** What every database the store runs on must do alike: PostgreSQL and the embedded PGlite. */
function hrEventStore(open: () => Promise<ClosableSqlClient>, close: () => Promise<void>) {
  let sql: ClosableSqlClient;
  let sut: PgHrEventStore;

  beforeAll(async () => {
    sql = await open();
    sut = new PgHrEventStore(sql);
  });
  afterAll(close);
  beforeEach(async () => {
    await sql.query('DELETE FROM hr_event');
    await sql.query('DELETE FROM hr_person');
    await sql.query('DELETE FROM hr_follow_up');
  });

  it('gives back an event as it was written, dates as dates, and nothing for an unknown or malformed id', async () => {
    const e = anHrEvent({
      effectiveAt: at('2027-01-03T23:00:00Z'),
      receivedAt: at('2026-12-07T10:00:00Z'),
      actions: [{ at: at('2026-12-07T10:01:00Z'), kind: 'account-created', directory: 'corp', dn: 'uid=x,dc=acme', outcome: 'added' }],
      lastError: { message: 'the directory is down', kind: 'unavailable' },
      attempts: 2,
      status: 'retrying',
    });
    expect(await sut.insert(e)).toEqual({ event: e, duplicate: false });
    expect(await sut.get(e.id)).toEqual(e);
    expect(await sut.findBySourceId('webhook', e.eventId)).toEqual(e);
    expect(await sut.get(randomUUID())).toBeNull();
    expect(await sut.get('not-a-uuid')).toBeNull();
  });

  it('keeps one row for the same (source, eventId) and answers the stored one as a duplicate; another source is another event', async () => {
    const first = anHrEvent({ eventId: 'evt-1' });
    await sut.insert(first);
    const again = await sut.insert(anHrEvent({ eventId: 'evt-1', person: anHrPersonData({ firstName: 'Other' }) }));
    expect(again).toEqual({ event: first, duplicate: true });
    expect((await sut.insert(anHrEvent({ eventId: 'evt-1', source: 'scim' }))).duplicate).toBe(false);
    expect((await sql.query(`SELECT count(*)::int AS n FROM hr_event`))[0].n).toBe(2);
  });

  it('writes an update with version + 1 and refuses one on a stale version as a conflict', async () => {
    const e = anHrEvent();
    await sut.insert(e);
    const locked = await sql.transaction(async (tx) => new PgHrEventStore(tx).getForUpdate(e.id));
    const updated = await sut.update({ ...locked!, status: 'done', processedAt: at('2026-12-07T11:00:00Z') });
    expect(updated.version).toBe(2);
    expect(await sut.get(e.id)).toEqual(updated);
    await expect(sut.update({ ...e, status: 'dead' })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(sut.update(anHrEvent())).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('lists newest received first, by status and employee, page by page', async () => {
    const events = [0, 1, 2, 3, 4].map((i) =>
      anHrEvent({
        receivedAt: at(`2026-12-0${i + 1}T10:00:00Z`),
        status: i % 2 ? 'dead' : 'pending',
        person: anHrPersonData({ employeeId: i < 3 ? 'E1' : 'E2' }),
      }),
    );
    for (const e of events) await sut.insert(e);
    const first = await sut.list({ limit: 2 });
    expect(first.items.map((e) => e.id)).toEqual([events[4]!.id, events[3]!.id]);
    const second = await sut.list({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((e) => e.id)).toEqual([events[2]!.id, events[1]!.id]);
    const last = await sut.list({ limit: 2, cursor: second.nextCursor! });
    expect(last).toEqual({ items: [events[0]], nextCursor: null });
    expect((await sut.list({ limit: 10, status: ['dead'] })).items.map((e) => e.id)).toEqual([events[3]!.id, events[1]!.id]);
    expect((await sut.list({ limit: 10, status: ['pending', 'dead'], employeeId: 'E2' })).items).toHaveLength(2);
    await expect(sut.list({ limit: 2, cursor: 'garbage' })).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('finds due pending events oldest effective first, and the open events of a person', async () => {
    const now = at('2026-12-07T12:00:00Z');
    const late = anHrEvent({ effectiveAt: at('2026-12-07T00:00:00Z') });
    const early = anHrEvent({ effectiveAt: at('2026-12-01T00:00:00Z') });
    const future = anHrEvent({ effectiveAt: at('2027-01-04T00:00:00Z') });
    const retrying = anHrEvent({ effectiveAt: at('2026-12-02T00:00:00Z'), status: 'retrying' });
    const done = anHrEvent({ effectiveAt: at('2026-12-02T00:00:00Z'), status: 'done' });
    for (const e of [late, early, future, retrying, done]) await sut.insert(e);
    expect((await sut.due(now, 10)).map((e) => e.id)).toEqual([early.id, late.id]);
    expect((await sut.due(now, 1)).map((e) => e.id)).toEqual([early.id]);
    expect((await sut.openFor('E5001')).map((e) => e.id)).toEqual([early.id, retrying.id, late.id, future.id]);
    expect(await sut.openFor('E404')).toEqual([]);
  });

  it('inserts a person, replaces it with version + 1, refuses a stale version, finds it by SCIM id and userName in any case', async () => {
    const p = anHrPerson({ userName: 'Elodie.DeLaFontaine@acme.test', createdAt: at('2026-12-01T00:00:00Z'), updatedAt: at('2026-12-01T00:00:00Z') });
    expect(await sut.savePerson(p)).toEqual(p);
    expect(await sut.getPerson('E5001')).toEqual(p);
    expect(await sut.getPersonByScimId(p.scimId)).toEqual(p);
    expect(await sut.getPersonByScimId('nope')).toBeNull();
    const account = { directory: 'corp', dn: 'uid=elodie.delafontaine,dc=acme', login: 'elodie.delafontaine' };
    const saved = await sut.savePerson({ ...p, account, leaverGroups: ['cn=a'], active: false });
    expect(saved.version).toBe(2);
    expect(await sql.transaction(async (tx) => new PgHrEventStore(tx).getPersonForUpdate('E5001'))).toEqual(saved);
    await expect(sut.savePerson(p)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(sut.savePerson(anHrPerson({ employeeId: 'E7', scimId: p.scimId }))).rejects.toMatchObject({ kind: 'conflict' });

    const other = anHrPerson({ employeeId: 'E6', userName: null, createdAt: at('2026-12-02T00:00:00Z') });
    await sut.savePerson(other);
    expect(await sut.findPersons({ userName: 'elodie.delafontaine@ACME.test', startIndex: 1, count: 10 })).toEqual({ items: [saved], total: 1 });
    expect(await sut.findPersons({ employeeId: 'E6', startIndex: 1, count: 10 })).toEqual({ items: [other], total: 1 });
    const page = await sut.findPersons({ startIndex: 2, count: 1 });
    expect(page).toEqual({ items: [other], total: 2 });
    expect(await sut.findPersons({ startIndex: 1, count: 0 })).toEqual({ items: [], total: 2 });
  });

  it("keeps a person's last move and end of access, and gives every person page by page in employee id order", async () => {
    const moved = { at: at('2027-02-01T00:00:00Z'), previousDepartment: 'Finance', previousTitle: null };
    const p = await sut.savePerson(anHrPerson({ employeeId: 'E0002', moved, leftAt: at('2027-03-01T12:00:00Z') }));
    expect(await sut.getPerson('E0002')).toEqual(p);
    for (const employeeId of ['E0003', 'E0001']) await sut.savePerson(anHrPerson({ employeeId }));
    expect((await sut.personsAfter(null, 2)).map((x) => x.employeeId)).toEqual(['E0001', 'E0002']);
    expect((await sut.personsAfter('E0002', 2)).map((x) => x.employeeId)).toEqual(['E0003']);
    expect(await sut.personsAfter('E0003', 2)).toEqual([]);
  });

  it('keeps follow-ups, finds the due and scheduled ones, and updates them', async () => {
    const due = aFollowUp({ dueAt: at('2026-12-01T00:00:00Z') });
    const later = aFollowUp({ kind: 'delete-account', dueAt: at('2027-03-01T00:00:00Z'), groups: [] });
    await sut.insertFollowUp(due);
    await sut.insertFollowUp(later);
    expect(await sut.dueFollowUps(at('2026-12-07T00:00:00Z'), 10)).toEqual([due]);
    expect(await sut.followUpsOf('E5001')).toEqual([due, later]);
    expect(await sut.followUpsOf('E5001', 'delete-account')).toEqual([later]);
    const locked = await sql.transaction(async (tx) => new PgHrEventStore(tx).getFollowUpForUpdate(due.id));
    await sut.updateFollowUp({ ...locked!, status: 'done', doneAt: at('2026-12-07T01:00:00Z') });
    expect(await sut.dueFollowUps(at('2026-12-07T00:00:00Z'), 10)).toEqual([]);
    expect(await sut.followUpsOf('E5001')).toEqual([later]);
    await expect(sut.updateFollowUp(aFollowUp())).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('keeps the transaction usable after a duplicate insert (ON CONFLICT, not an error)', async () => {
    const e = anHrEvent({ eventId: 'evt-tx' });
    await sut.insert(e);
    const seen = await sql.transaction(async (tx) => {
      const store = new PgHrEventStore(tx);
      const dup = await store.insert(anHrEvent({ eventId: 'evt-tx' }));
      await store.savePerson(anHrPerson());
      return dup;
    });
    expect(seen.duplicate).toBe(true);
    expect(await sut.getPerson('E5001')).not.toBeNull();
  });
}

describe('the HR event store on PostgreSQL', () => {
  let db: TestDatabase;
  let sql: ClosableSqlClient;
  hrEventStore(
    async () => {
      db = await createTestDatabase();
      return (sql = await openSqlClient({ url: db.url, dataDir: '' }));
    },
    async () => {
      await sql?.close();
      await db?.drop();
    },
  );

  it('stores one row when the same event is inserted by two transactions at once', async () => {
    const store = new PgHrEventStore(sql);
    const eventId = `evt-race-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 8 }, () => sql.transaction(async (tx) => new PgHrEventStore(tx).insert(anHrEvent({ eventId })))));
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const stored = await store.findBySourceId('webhook', eventId);
    expect(results.every((r) => r.event.id === stored!.id)).toBe(true);
  });
});

describe('HR events and people under the GDPR export and erasure', () => {
  let db: TestDatabase;
  let sql: ClosableSqlClient;
  const none = { employeeIds: [], logins: [], dns: [], names: [], mails: [], directories: [] };

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = await openSqlClient({ url: db.url, dataDir: '' });
  });

  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it('finds a person by employee id and SCIM userName, and replaces their names, mail and id in events, person and follow-ups', async () => {
    const store = new PgHrEventStore(sql);
    const person = anHrPersonData({ employeeId: 'E8001', firstName: 'Jeanne', lastName: 'Durandal', mail: 'jeanne.durandal@acme.test' });
    await store.insert(anHrEvent({ person }));
    await store.savePerson(anHrPerson({ employeeId: 'E8001', userName: 'JDurandal@acme.test', data: person }));
    await store.insertFollowUp(aFollowUp({ employeeId: 'E8001', dn: 'uid=jdurandal,ou=People,dc=acme,dc=test' }));
    const personal = new PgPersonalDataStore(sql);
    const forms = await personal.identify({ ...none, employeeIds: ['E8001'] });
    expect(forms.logins).toContain('JDurandal@acme.test');
    expect(await personal.holdings({ ...forms, names: ['Jeanne Durandal'], mails: ['jeanne.durandal@acme.test'] })).toMatchObject({
      hr_event: 1,
      hr_person: 1,
      hr_follow_up: 1,
    });
    await personal.erase({
      pseudonyms: [],
      accounts: [],
      replacements: [
        { value: 'jeanne.durandal@acme.test', by: 'erased-1@invalid' },
        { value: 'JDurandal@acme.test', by: 'erased-1@invalid' },
        { value: 'Jeanne', by: 'erased-1' },
        { value: 'Durandal', by: 'erased-1' },
        { value: 'E8001', by: 'erased-1' },
      ],
      record: { pseudonym: 'p_1', digests: [], forced: false },
    });
    const text = JSON.stringify([
      await sql.query(`SELECT employee_id, body FROM hr_event`),
      await sql.query(`SELECT employee_id, user_name, body FROM hr_person`),
      await sql.query(`SELECT employee_id FROM hr_follow_up`),
    ]);
    expect(text).not.toMatch(/Jeanne|Durandal|E8001/i);
    expect(await store.getPerson('erased-1')).toMatchObject({ userName: 'erased-1@invalid', data: { firstName: 'erased-1', mail: 'erased-1@invalid' } });
  });
});

describe('the HR event store on the embedded PGlite', () => {
  let dir: string;
  let sql: ClosableSqlClient;
  hrEventStore(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'vigie-hr-events-'));
      return (sql = await openSqlClient({ dataDir: join(dir, 'data') }));
    },
    async () => {
      await sql?.close();
      await closeEmbeddedDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  );
});
