import { randomUUID } from 'node:crypto';
import { anHrEvent } from '#vigie/hr/testing';
import { type ClosableSqlClient, PgAccessRequestStore, PgHrEventStore, PgOperationalGaugesStore, PgStatisticsStore, openSqlClient } from '#vigie/persistence';
import { anAccessRequest, anApprovedRequest } from '#vigie/requests/testing';
import { type TestDatabase, createTestDatabase } from '../support/database.js';

const at = (iso: string) => new Date(iso);
const range = { from: '2026-01', to: '2026-03', timezone: 'Europe/Paris' };

async function aFinding(sql: ClosableSqlClient, firstSeen: string, resolved: string | null, severity = 'high', status = resolved ? 'resolved' : 'open') {
  await sql.query(
    `INSERT INTO finding_state (id, rule, severity, status, first_seen_at, last_seen_at, resolved_at) VALUES ($1, 'H-GUEST', $2, $3, $4, $4, $5)`,
    [randomUUID().replace(/-/g, ''), severity, status, at(firstSeen), resolved && at(resolved)],
  );
}

async function aSyncRun(
  sql: ClosableSqlClient,
  directory: string,
  startedAt: string,
  seconds: number,
  changes: number,
  memberships: number,
  status = 'succeeded',
) {
  const id = randomUUID();
  const started = at(startedAt);
  await sql.query(`INSERT INTO sync_run (id, directory, mode, status, started_at, finished_at) VALUES ($1, $2, 'full', $3, $4, $5)`, [
    id,
    directory,
    status,
    started,
    new Date(started.getTime() + seconds * 1000),
  ]);
  for (let seq = 0; seq < changes; seq++) {
    await sql.query(`INSERT INTO sync_change (sync_run_id, seq, directory, action, object_type, dn) VALUES ($1, $2, $3, 'added', 'user', $4)`, [
      id,
      seq,
      directory,
      `uid=u${seq},dc=acme,dc=test`,
    ]);
  }
  for (let seq = 0; seq < memberships; seq++) {
    await sql.query(
      `INSERT INTO sync_membership_change (sync_run_id, seq, directory, action, group_dn, group_dn_norm, member_dn) VALUES ($1, $2, $3, 'added', 'cn=g', 'cn=g', $4)`,
      [id, seq, directory, `uid=u${seq},dc=acme,dc=test`],
    );
  }
}

describe('the statistics and gauges stores on PostgreSQL', () => {
  let db: TestDatabase;
  let sql: ClosableSqlClient;
  let sut: PgStatisticsStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    sql = await openSqlClient({ url: db.url, dataDir: '' });
    sut = new PgStatisticsStore(sql);
    // Opened 31 December 23:30 UTC: January in Paris. Resolved 2, 4 and 10 days later.
    await aFinding(sql, '2025-12-31T23:30:00Z', '2026-01-02T23:30:00Z');
    await aFinding(sql, '2026-01-10T00:00:00Z', '2026-01-14T00:00:00Z');
    await aFinding(sql, '2026-01-20T00:00:00Z', '2026-01-30T00:00:00Z');
    await aFinding(sql, '2026-03-05T00:00:00Z', null, 'critical');
    await aFinding(sql, '2026-03-06T00:00:00Z', null, 'critical', 'acknowledged');
    await aFinding(sql, '2025-06-01T00:00:00Z', '2025-06-03T00:00:00Z'); // outside the period
    await sql.query(`INSERT INTO audit_run (status, started_at, finished_at, as_of) VALUES ('succeeded', $1, $2, $1), ('failed', $3, $3, $3)`, [
      at('2026-02-01T10:00:00Z'),
      at('2026-02-01T10:00:42Z'),
      at('2026-02-02T10:00:00Z'),
    ]);
    await aSyncRun(sql, 'corp-ad', '2026-03-01T10:00:00Z', 30, 3, 2);
    await aSyncRun(sql, 'corp-ad', '2026-03-02T10:00:00Z', 12, 0, 1);
    await aSyncRun(sql, 'corp-ldap', '2026-03-02T11:00:00Z', 5, 1, 0, 'failed');
    const requests = new PgAccessRequestStore(sql);
    await requests.insert(anAccessRequest({ createdAt: at('2026-01-05T09:00:00Z') }));
    await requests.insert(
      anApprovedRequest(
        { startsAt: at('2026-01-08T09:00:00Z') },
        { level: 'read', createdAt: at('2026-01-06T09:00:00Z'), closedAt: at('2026-01-07T09:00:00Z') },
      ),
    );
    await requests.insert(anAccessRequest({ createdAt: at('2026-01-10T09:00:00Z'), status: 'rejected', closedAt: at('2026-02-13T09:00:00Z') }));
    const hr = new PgHrEventStore(sql);
    await hr.insert(anHrEvent({ type: 'hire', status: 'done', processedAt: at('2026-02-03T08:00:00Z') }));
    await hr.insert(anHrEvent({ type: 'hire', status: 'done', processedAt: at('2026-02-04T08:00:00Z') }));
    await hr.insert(anHrEvent({ type: 'leave', status: 'dead', processedAt: at('2026-02-04T08:00:00Z') }));
  });
  afterAll(async () => {
    await sql?.close();
    await db?.drop();
  });

  it('counts findings opened and closed per month in the timezone, with the mean and median days to resolve', async () => {
    expect(await sut.findings(range)).toEqual([
      { month: '2026-01', opened: 3, closed: 3, meanDaysToResolve: 5.33, medianDaysToResolve: 4 },
      { month: '2026-03', opened: 2, closed: 0, meanDaysToResolve: null, medianDaysToResolve: null },
    ]);
  });

  it('counts audit runs, and syncs with the changes they recorded', async () => {
    expect(await sut.auditRuns(range)).toEqual([{ month: '2026-02', runs: 2, succeeded: 1, failed: 1 }]);
    expect(await sut.syncs(range)).toEqual([{ month: '2026-03', runs: 3, failed: 1, objectChanges: 4, membershipChanges: 3 }]);
  });

  it('counts requests created and decided per month, with their lead time to decision and to provisioning', async () => {
    expect(await sut.requests(range)).toEqual([
      {
        month: '2026-01',
        created: 3,
        decided: 1,
        approved: 1,
        rejected: 0,
        meanDaysToDecide: 1,
        medianDaysToDecide: 1,
        provisioned: 1,
        meanDaysToProvision: 2,
      },
      expect.objectContaining({ month: '2026-02', created: 0, decided: 1, rejected: 1, meanDaysToDecide: 34, provisioned: 0, meanDaysToProvision: null }),
    ]);
  });

  it('counts the HR events applied per month by type, not those that failed', async () => {
    expect(await sut.hrEvents(range)).toEqual([{ month: '2026-02', applied: { hire: 2 } }]);
  });

  it('reads the gauges a scrape reports', async () => {
    const gauges = await new PgOperationalGaugesStore(sql).read();
    expect(gauges.findings.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { severity: 'critical', status: 'acknowledged', count: 1 },
      { severity: 'critical', status: 'open', count: 1 },
    ]);
    expect(gauges.lastSyncSuccess).toEqual([{ directory: 'corp-ad', finishedAt: at('2026-03-02T10:00:12Z') }]);
    expect(gauges.lastSyncDuration).toEqual([{ directory: 'corp-ad', seconds: 12 }]);
    expect(gauges.lastAuditDurationSeconds).toBe(42);
    expect(gauges.lastCheckpointAt).toBeNull();
    expect(gauges.hrEvents.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: 'dead', count: 1 },
      { status: 'done', count: 2 },
    ]);
    expect(gauges.accessRequests.sort((a, b) => a.status.localeCompare(b.status))).toEqual([
      { status: 'approved', count: 1 },
      { status: 'pending', count: 1 },
      { status: 'rejected', count: 1 },
    ]);
  });
});
