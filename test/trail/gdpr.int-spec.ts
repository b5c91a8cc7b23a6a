import type { Vigie } from '#vigie/application';
import { type GdprService, StillInDirectoryError, UnknownDataSubjectError, renderSubjectAccessHtml } from '#vigie/gdpr';
import type { SqlClient } from '#vigie/persistence';
import { TrailContext } from '#vigie/trail';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** Where the person could be anywhere: every text and JSON column of every table, the chained trail included. */
async function whereFound(sql: SqlClient, needles: string[]): Promise<string[]> {
  const columns: Array<{ table_name: string; column_name: string }> = await sql.query(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'json')`,
  );
  const found: string[] = [];
  for (const { table_name, column_name } of columns) {
    for (const needle of needles) {
      const [{ n }] = await sql.query(`SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text ILIKE $1`, [`%${needle}%`]);
      if (n) found.push(`${table_name}.${column_name} (${needle}: ${n})`);
    }
  }
  return found;
}

describe('GDPR: access export and erasure on a real PostgreSQL', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  let sql: SqlClient;
  let gdpr: GdprService;

  beforeAll(async () => {
    db = await createTestDatabase();
    vigie = testVigie({
      url: db.url,
      overrides: {
        policy: { dir: fixture('policies/ok/company'), keepLastValid: false },
        directories: [{ name: 'corp', kind: 'ldif', file: fixture('ldif/ok/openldap-company.ldif') }],
      },
    });
    sql = await vigie.dependencies.database();
    await vigie.run('sync-directories', {});
    await vigie.run('run-audit', {});
    // What later syncs and the API would record about Bruno Martin (bmartin, E2002).
    const writer = await vigie.dependencies.trailWriter();
    const bruno = { login: 'bmartin', employeeId: 'E2002', displayName: 'Bruno Martin' };
    await writer.recordDirectoryChanges('corp', 'run-2', [
      {
        type: 'object-modified',
        objectType: 'account',
        dn: 'uid=bmartin,ou=people,dc=acme,dc=test',
        person: bruno,
        attributes: { title: { before: 'Commercial', after: 'Sales manager' }, cn: { before: 'Bruno Martin', after: 'Bruno Martin' } },
      },
      { type: 'membership-added', groupDn: 'cn=project-y,ou=groups,dc=acme,dc=test', memberDn: 'uid=bmartin,ou=people,dc=acme,dc=test', member: bruno },
      {
        type: 'object-added',
        objectType: 'account',
        dn: 'uid=adurand,ou=people,dc=acme,dc=test',
        person: { login: 'adurand' },
        attributes: { cn: 'Alice Durand' },
      },
    ]);
    await TrailContext.run({ sourceAddress: '127.0.0.9', correlationId: 'req-1' }, () =>
      writer.record({
        action: 'finding.acknowledged',
        actor: { type: 'person', id: 'bmartin' },
        target: { type: 'finding', id: 'f-1' },
        reason: 'Bruno Martin says the access is needed until June',
      }),
    );
    await vigie.run('create-token', { name: 'bmartin laptop', role: 'auditor' });
    gdpr = await vigie.dependencies.gdpr();
  });

  afterAll(async () => {
    await vigie?.close();
    await db?.drop();
  });

  it('exports everything held about the person, by login or employee id, as JSON and HTML', async () => {
    const report = await gdpr.export('BMARTIN');
    expect(report.identity).toMatchObject({ employeeIds: ['E2002'], logins: ['bmartin'], displayNames: ['Bruno Martin'] });
    expect(report.accounts).toEqual([expect.objectContaining({ directory: 'corp', login: 'bmartin', department: 'Commercial' })]);
    expect(report.memberships.map((m) => `${m.group} (${m.how})`)).toEqual(
      expect.arrayContaining(['project-y (direct)', 'project-x (nested)', 'finance-share-rw (nested)']),
    );
    expect(report.effectiveAccess).toEqual([expect.objectContaining({ resource: 'share-finance', level: 'write', viaGroup: 'finance-share-rw' })]);
    expect(report.findings.map((f) => f.rule)).toEqual(['G-EXCESS-VS-ROLE']);
    expect(report.trail.map((e) => e.action).sort()).toEqual([
      'directory.membership-added',
      'directory.object-modified',
      'finding.acknowledged',
      'finding.opened',
    ]);
    const modified = report.trail.find((e) => e.action === 'directory.object-modified')!;
    expect(modified).toMatchObject({
      target: { type: 'account', id: 'corp:uid=bmartin,ou=people,dc=acme,dc=test' },
      before: { title: 'Commercial' },
      after: { title: 'Sales manager' },
    });
    expect(report.trail.find((e) => e.action === 'finding.acknowledged')).toMatchObject({
      actor: { type: 'person', login: 'bmartin' },
      sourceAddress: '127.0.0.9',
      reason: expect.stringContaining('until June'),
    });
    expect((await gdpr.export('E2002')).accounts).toHaveLength(1);
    const html = renderSubjectAccessHtml(report, { lang: 'en' });
    expect(html).toMatch(/<h1>Personal data held by Vigie about Bruno Martin<\/h1>/);
    expect(html).toContain('share-finance');
    await expect(gdpr.export('nobody-here')).rejects.toThrow(UnknownDataSubjectError);
  });

  it('refuses to erase someone still in the directory unless forced', async () => {
    await expect(gdpr.erase('bmartin')).rejects.toThrow(StillInDirectoryError);
    await expect(gdpr.erase('bmartin')).rejects.toThrow(/next sync would bring their data back/);
  });

  it('pseudonymises the person everywhere; the trail still verifies and records the erasure', async () => {
    const needles = ['bmartin', 'Bruno Martin', 'E2002'];
    expect((await whereFound(sql, needles)).length).toBeGreaterThan(5);
    const result = await gdpr.erase('bmartin', { force: true });
    // Four entries about him, and the token whose label names him: each blanked through the trail's erasure path.
    expect(result.trailEntries).toBe(5);
    expect(await whereFound(sql, needles)).toEqual([]);

    const report = await vigie.run('verify-trail', {});
    expect(report.problems).toEqual([]);
    // The signed record verify holds the blanked personal parts to.
    expect(report.erasures.records).toBe(1);
    const [record] = await sql.query(`SELECT details FROM trail_entry WHERE action = 'trail.personal-erased'`);
    expect(record.details.after).toMatchObject({ type: 'vigie-trail-erasure', count: 5, signed: { keyId: expect.any(String) } });
    const [erasure] = await sql.query(`SELECT actor_id, target_type, target_id, details FROM trail_entry WHERE action = 'gdpr.erased'`);
    expect(erasure).toMatchObject({
      actor_id: 'vigie',
      target_type: 'person',
      target_id: result.pseudonym,
      details: { after: { accounts: 1, trailEntries: 5, forced: true } },
    });
    // Other people are untouched, and the pseudonymised account still has its memberships.
    expect(await whereFound(sql, ['adurand', 'Alice Durand'])).not.toEqual([]);
    const [account] = await sql.query(`SELECT login, dn, display_name, department FROM account WHERE login LIKE 'erased-%'`);
    expect(account).toEqual({
      login: expect.stringMatching(/^erased-[0-9a-f]{8}$/),
      dn: `uid=${account.login},ou=people,dc=acme,dc=test`,
      display_name: null,
      department: null,
    });
    const [{ n }] = await sql.query(`SELECT count(*)::int AS n FROM membership WHERE member_dn_norm = $1`, [`uid=${account.login},ou=people,dc=acme,dc=test`]);
    expect(n).toBe(3);
    // The export says he was erased, and when, rather than that Vigie never heard of him.
    const after = await gdpr.export('bmartin');
    expect(after).toMatchObject({ erasure: { pseudonym: result.pseudonym }, accounts: [], findings: [], heldIn: {} });
  });
});
