import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aDelegation, anAccessRequest, aPersonRef, aStage } from '#vigie/requests/testing';
import { type ClosableSqlClient, PgAccessRequestStore, PgPersonalDataStore, closeEmbeddedDatabase, openSqlClient } from '#vigie/persistence';
import type { AccessRequest } from '#vigie/requests';
import { type TestDatabase, createTestDatabase } from '../support/database.js';

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const erin = aPersonRef('erin');
const mark = aPersonRef('mark');
const olga = aPersonRef('olga');
const paul = aPersonRef('paul');

/** Approved by every stage, its grant in the given state. */
function granted(status: 'provisioning' | 'active' | 'removing' | 'ended', more: Partial<AccessRequest> = {}): AccessRequest {
  const r = anAccessRequest(more);
  return {
    ...r,
    status: 'approved',
    currentStage: null,
    closedAt: at('2026-12-02T10:00:00Z'),
    grant: {
      status,
      directory: r.target.directory,
      groupDn: r.target.groupDn,
      memberDn: r.target.memberDn,
      durationDays: 30,
      startsAt: at('2026-12-02T10:01:00Z'),
      endsAt: at('2027-01-01T10:01:00Z'),
      provisioned: 'added',
      endReason: status === 'ended' ? 'expired' : null,
      revokedBy: null,
      revokeReason: null,
      endedAt: status === 'ended' ? at('2026-12-05T00:00:00Z') : null,
      lastError: null,
    },
    ...more,
  };
}

/** What every database the store runs on must do alike: PostgreSQL and the embedded PGlite. */
function accessRequestStore(open: () => Promise<ClosableSqlClient>, close: () => Promise<void>) {
  let sql: ClosableSqlClient;
  let sut: PgAccessRequestStore;

  beforeAll(async () => {
    sql = await open();
    sut = new PgAccessRequestStore(sql);
  });
  afterAll(close);
  beforeEach(async () => {
    await sql.query('DELETE FROM access_request');
    await sql.query('DELETE FROM approval_delegation');
  });

  it('gives back a request as it was written, dates as dates, and nothing for an unknown or malformed id', async () => {
    const r = granted('active', { policyWarning: 'exception' });
    r.stages[0]!.decision = { outcome: 'approved', by: mark, onBehalfOf: null, at: at('2026-12-01T10:00:00Z'), comment: 'fine by me' };
    await sut.insert(r);
    expect(await sut.get(r.id)).toEqual(r);
    expect(await sut.get('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await sut.get('not-a-uuid')).toBeNull();
  });

  it('writes an update with version + 1, and refuses one made on a stale version as a conflict', async () => {
    const r = anAccessRequest();
    await sut.insert(r);
    const locked = await sql.transaction(async (tx) => new PgAccessRequestStore(tx).getForUpdate(r.id));
    const updated = await sut.update({ ...locked!, status: 'cancelled', currentStage: null, closedAt: at('2026-12-01T11:00:00Z') });
    expect(updated.version).toBe(2);
    expect(await sut.get(r.id)).toEqual(updated);
    await expect(sut.update({ ...r, justification: 'stale' })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(sut.update(anAccessRequest())).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('lists what a person may see, what waits for their decision, and by status, newest first', async () => {
    const mine = anAccessRequest({ createdAt: at('2026-12-01T09:00:00Z') });
    const forPaul = anAccessRequest({ requester: paul, createdAt: at('2026-12-01T10:00:00Z') });
    // Paul's three open requests ask for three levels: one open request per access.
    const atOwnerStage = anAccessRequest({
      requester: paul,
      level: 'read',
      currentStage: 1,
      createdAt: at('2026-12-01T11:00:00Z'),
      stages: [aStage('manager', [mark]), aStage('owner', [olga], { openedAt: at('2026-12-01T12:00:00Z') })],
    });
    const atOfficer = anAccessRequest({
      requester: paul,
      level: 'write',
      createdAt: at('2026-12-01T12:00:00Z'),
      stages: [aStage('security-officer', [], { openedAt: at('2026-12-01T12:00:00Z') })],
    });
    const rejected = { ...anAccessRequest({ createdAt: at('2026-12-01T13:00:00Z') }), status: 'rejected' as const, currentStage: null };
    for (const r of [mine, forPaul, atOwnerStage, atOfficer, rejected]) await sut.insert(r);
    const ids = async (q: Parameters<PgAccessRequestStore['list']>[0]) => (await sut.list(q)).items.map((r) => r.id);

    expect(await ids({ visibleTo: [erin.key], limit: 10 })).toEqual([rejected.id, mine.id]);
    expect(await ids({ visibleTo: [olga.key], limit: 10 })).toEqual([rejected.id, atOfficer.id, atOwnerStage.id, forPaul.id, mine.id]);
    expect(await ids({ visibleTo: [], limit: 10 })).toEqual([]);
    expect(await ids({ awaitingDecisionBy: { keys: [mark.key], securityOfficer: false }, limit: 10 })).toEqual([forPaul.id, mine.id]);
    expect(await ids({ awaitingDecisionBy: { keys: [olga.key], securityOfficer: false }, limit: 10 })).toEqual([atOwnerStage.id]);
    expect(await ids({ awaitingDecisionBy: { keys: [], securityOfficer: true }, limit: 10 })).toEqual([atOfficer.id]);
    expect(await ids({ status: ['rejected'], limit: 10 })).toEqual([rejected.id]);
    expect(await ids({ madeByOrFor: erin.key, limit: 10 })).toEqual([rejected.id, mine.id]);
    expect(await ids({ requester: paul.key, status: ['pending'], resourceId: 'group:finance', limit: 10 })).toEqual([
      atOfficer.id,
      atOwnerStage.id,
      forPaul.id,
    ]);
  });

  it('pages newest first with an opaque cursor, requests made at the same instant included, and refuses a forged cursor', async () => {
    const same = at('2026-12-01T09:00:00Z');
    const all = Array.from({ length: 7 }, (_, i) => anAccessRequest({ level: `level-${i}`, createdAt: i < 3 ? same : new Date(same.getTime() + i * 1000) }));
    for (const r of all) await sut.insert(r);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await sut.list({ limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    const newestFirst = [...all].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (b.id < a.id ? -1 : 1)).map((r) => r.id);
    expect(seen).toEqual(newestFirst);
    await expect(sut.list({ limit: 2, cursor: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('finds the open request of a beneficiary for a resource and level: pending, or granted and not ended', async () => {
    const ended = granted('ended');
    await sut.insert(ended);
    expect(await sut.openFor(erin.key, 'group:finance', 'member')).toBeNull();
    const active = granted('active');
    await sut.insert(active);
    expect((await sut.openFor(erin.key, 'group:finance', 'member'))?.id).toBe(active.id);
    expect(await sut.openFor(erin.key, 'group:finance', 'admin')).toBeNull();
    expect(await sut.openFor(paul.key, 'group:finance', 'member')).toBeNull();
  });

  it('refuses a second open request for the same access as a conflict naming the open one, and takes it once that one closed', async () => {
    const first = anAccessRequest();
    await sut.insert(first);
    await expect(sut.insert(anAccessRequest())).rejects.toMatchObject({
      kind: 'conflict',
      message: `an open request for this access exists: request ${first.id} (pending) for member on Finance`,
    });
    await sut.insert(anAccessRequest({ level: 'read' }));
    await sut.update({ ...first, status: 'cancelled', currentStage: null, closedAt: at('2026-12-01T11:00:00Z') });
    const again = anAccessRequest();
    await sut.insert(again);
    expect((await sut.openFor(erin.key, 'group:finance', 'member'))?.id).toBe(again.id);
  });

  it('finds pending requests with a step due (decideBy passed, a reminder, an escalation), and active grants past their end', async () => {
    const now = at('2026-12-10T00:00:00Z');
    const due = { now, remindOpenedBefore: new Date(now.getTime() - 3 * DAY), escalateOpenedBefore: new Date(now.getTime() - 6 * DAY) };
    const reminded = (r: AccessRequest, escalatedAt: Date | null = null): AccessRequest => ({
      ...r,
      stages: [{ ...r.stages[0]!, remindedAt: at('2026-12-06T00:00:00Z'), escalatedAt }, ...r.stages.slice(1)],
    });
    const toRemind = anAccessRequest({ createdAt: at('2026-12-05T00:00:00Z') });
    // Reminded, its escalation not due yet: nothing to do now, so not asked (it would take the batch's room).
    const waitingForEscalation = reminded(anAccessRequest({ level: 'admin', createdAt: at('2026-12-05T00:00:00Z') }));
    const toEscalate = reminded(anAccessRequest({ level: 'owner', createdAt: at('2026-12-01T00:00:00Z') }));
    const settled = reminded(anAccessRequest({ level: 'audit', createdAt: at('2026-12-01T00:00:00Z') }), at('2026-12-08T00:00:00Z'));
    const fresh = anAccessRequest({ level: 'read', createdAt: at('2026-12-09T12:00:00Z') });
    const late = anAccessRequest({ level: 'write', createdAt: at('2026-12-09T12:00:00Z'), decideBy: at('2026-12-09T23:00:00Z') });
    const over = granted('active', { requester: paul });
    over.grant!.endsAt = at('2026-12-09T00:00:00Z');
    const notYet = granted('active', { requester: paul, level: 'read' });
    for (const r of [toRemind, waitingForEscalation, toEscalate, settled, fresh, late, over, notYet]) await sut.insert(r);
    expect((await sut.pendingDue(due, 10)).map((r) => r.id).sort()).toEqual([late.id, toRemind.id, toEscalate.id].sort());
    // The reminder written by the sweep takes the request out of the answer until its escalation is due.
    const saved = await sut.update(reminded((await sut.get(toRemind.id))!));
    expect(saved.stages[0]!.remindedAt).toEqual(at('2026-12-06T00:00:00Z'));
    expect((await sut.pendingDue(due, 10)).map((r) => r.id).sort()).toEqual([late.id, toEscalate.id].sort());
    expect((await sut.grantsEnded(now, 10)).map((r) => r.id)).toEqual([over.id]);
  });

  it('gives the memberships approved requests stand behind, ended ones only when they ended since', async () => {
    const active = granted('active');
    const ended = granted('ended', { requester: paul });
    const pending = anAccessRequest({ level: 'read' });
    for (const r of [active, ended, pending]) await sut.insert(r);
    const since = (iso: string) => sut.approvedMemberships(at(iso)).then((ms) => ms.map((m) => m.requestId).sort());
    expect(await since('2026-12-04T00:00:00Z')).toEqual([active.id, ended.id].sort());
    expect(await since('2026-12-06T00:00:00Z')).toEqual([active.id]);
    expect((await sut.approvedMemberships(at('2026-12-06T00:00:00Z')))[0]).toEqual({
      requestId: active.id,
      directory: 'corp',
      groupDn: 'cn=Finance,ou=groups,dc=acme,dc=test',
      memberDn: erin.dn,
      approvedAt: active.closedAt,
      endsAt: active.grant!.endsAt,
    });
  });

  it('keeps delegations: in force for their deputy within their period, listed for their delegator, ended early once', async () => {
    const d = aDelegation(mark, paul, at('2026-12-01T00:00:00Z'), at('2026-12-15T00:00:00Z'));
    await sut.insertDelegation(d);
    expect(await sut.delegationsTo(paul.key, at('2026-12-05T00:00:00Z'))).toEqual([d]);
    expect(await sut.delegationsTo(paul.key, at('2026-11-30T00:00:00Z'))).toEqual([]);
    expect(await sut.delegationsTo(paul.key, at('2026-12-15T00:00:00Z'))).toEqual([]);
    expect(await sut.delegationsFrom(mark.key, at('2026-11-01T00:00:00Z'))).toEqual([d]);
    const revoked = await sut.revokeDelegation(d.id, at('2026-12-03T00:00:00Z'));
    expect(revoked).toEqual({ ...d, revokedAt: at('2026-12-03T00:00:00Z') });
    expect(await sut.revokeDelegation(d.id, at('2026-12-04T00:00:00Z'))).toBeNull();
    expect(await sut.delegationsTo(paul.key, at('2026-12-05T00:00:00Z'))).toEqual([]);
  });
}

describe('the access request store on PostgreSQL', () => {
  let db: TestDatabase;
  let sql: ClosableSqlClient;
  accessRequestStore(
    async () => {
      db = await createTestDatabase();
      return (sql = await openSqlClient({ url: db.url, dataDir: '' }));
    },
    async () => {
      await sql?.close();
      await db?.drop();
    },
  );

  it("leaves no form of a person's identity in their requests and delegations once erased, and the request still reads", async () => {
    const r = anAccessRequest();
    await new PgAccessRequestStore(sql).insert(r);
    await new PgAccessRequestStore(sql).insertDelegation(aDelegation(mark, erin, at('2026-12-01T00:00:00Z'), at('2026-12-15T00:00:00Z')));
    const people = new PgPersonalDataStore(sql);
    const forms = { employeeIds: [], logins: ['erin'], dns: [erin.dn], names: [], mails: [erin.mail!], directories: [] };
    expect(await people.holdings(forms)).toEqual({ access_request: 1, approval_delegation: 1 });
    await people.erase({
      pseudonyms: [],
      accounts: [],
      replacements: [
        { value: erin.dn, by: 'uid=erased-1,ou=people,dc=acme,dc=test' },
        { value: erin.mail!, by: 'erased-1@invalid' },
        { value: 'erin', by: 'erased-1' },
      ],
      record: { pseudonym: 'p_1', digests: [], forced: false },
    });
    expect(await people.holdings(forms)).toEqual({});
    const erased = await new PgAccessRequestStore(sql).get(r.id);
    expect(erased).toMatchObject({
      requester: { dn: 'uid=erased-1,ou=people,dc=acme,dc=test', login: 'erased-1', mail: 'erased-1@invalid' },
      status: 'pending',
    });
    expect(JSON.stringify(erased)).not.toMatch(/erin/i);
  });

  it('makes a second transaction deciding the same request wait for the first, then see its decision', async () => {
    const r = anAccessRequest();
    await new PgAccessRequestStore(sql).insert(r);
    let commitFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (commitFirst = resolve));
    let firstLocked!: () => void;
    const locked = new Promise<void>((resolve) => (firstLocked = resolve));
    const decision = { outcome: 'approved' as const, by: mark, onBehalfOf: null, at: at('2026-12-01T10:00:00Z'), comment: 'first' };

    const first = sql.transaction(async (tx) => {
      const store = new PgAccessRequestStore(tx);
      const seen = (await store.getForUpdate(r.id))!;
      firstLocked();
      seen.stages[0]!.decision = decision;
      await store.update({ ...seen, currentStage: 1 });
      await firstMayCommit;
    });
    await locked;
    const second = sql.transaction(async (tx) => {
      const backend = (await tx.query('SELECT pg_backend_pid() AS pid'))[0].pid as number;
      secondPid.resolve(backend);
      return new PgAccessRequestStore(tx).getForUpdate(r.id);
    });
    // The second connection is blocked on the first's row lock: PostgreSQL says so, no timing involved.
    const pid = await secondPid.promise;
    await waitUntil(async () => (await sql.query(`SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1`, [pid]))[0]?.wait_event_type === 'Lock');
    commitFirst();
    await first;
    const seenBySecond = await second;
    expect(seenBySecond?.version).toBe(2);
    expect(seenBySecond?.currentStage).toBe(1);
    expect(seenBySecond?.stages[0]!.decision).toEqual(decision);
  });
});

const secondPid = (() => {
  let resolve!: (pid: number) => void;
  const promise = new Promise<number>((r) => (resolve = r));
  return { promise, resolve };
})();

/** Polls a condition the database reports (a lock waited on) until it holds. */
async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the condition never held');
}

describe('the access request store on the embedded PGlite', () => {
  let dir: string;
  let sql: ClosableSqlClient;
  accessRequestStore(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'vigie-access-requests-'));
      return (sql = await openSqlClient({ dataDir: join(dir, 'data') }));
    },
    async () => {
      await sql?.close();
      await closeEmbeddedDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  );
});
