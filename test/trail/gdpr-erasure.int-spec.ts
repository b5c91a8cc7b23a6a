import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Vigie } from '#vigie/application';
import type { SqlClient } from '#vigie/persistence';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { linesHolding, pgDump } from '../support/pg-dump.js';
import { testVigie } from '../support/vigie.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** Every form of Hélène Lefèvre's identity a database could hold, in lower case (the dump is searched in lower case). */
const HELENE = {
  name: 'Hélène Lefèvre',
  nameWithoutAccents: 'Helene Lefevre',
  surname: 'Lefèvre',
  login: 'hlefevre',
  mail: 'helene.lefevre@acme.test',
  employeeId: 'E2003',
  dn: 'uid=hlefevre,ou=people,dc=acme,dc=test',
};

/**
 * The company of the fixture, with a mail for Hélène Lefèvre and a membership that gives her findings (project-y
 * reaches the finance share, which her role does not allow); `without` leaves her out, as HR's removal would.
 */
function companyLdif(options: { without?: Array<'hlefevre' | 'pmartin'> } = {}): string {
  let text = readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8')
    .replace('employeeNumber: E2003\n', 'employeeNumber: E2003\nmail: helene.lefevre@acme.test\n')
    .replace('cn: project-y\n', 'cn: project-y\nmember: uid=hlefevre,ou=people,dc=acme,dc=test\n');
  if (options.without?.includes('hlefevre')) {
    text = text
      .split(/\n(?=dn)/)
      .filter((block) => !block.startsWith('dn:: dWlkPWhsZWZldnJl'))
      .join('\n')
      .replace(/^(member|uniqueMember): uid=hlefevre.*\n/gm, '')
      .replace('memberUid: hlefevre\n', '');
  }
  if (options.without?.includes('pmartin')) {
    // Paul Martin's DN is his name, with an escaped comma: "cn=Martin\, Paul" (and "CN=Martin\2C Paul" as a member).
    text = text
      .split(/\n(?=dn)/)
      .filter((block) => !block.startsWith('dn: cn=Martin'))
      .join('\n')
      .replace(/^member: CN=Martin.*\n/gm, '');
  }
  return text;
}

describe('GDPR erasure in the order the README gives: out of the directory, full sync, erase', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  let sql: SqlClient;
  let dir: string;
  let ldif: string;
  const forms = Object.values(HELENE);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-erasure-'));
    ldif = join(dir, 'company.ldif');
    writeFileSync(ldif, companyLdif());
    db = await createTestDatabase();
    vigie = testVigie({
      url: db.url,
      overrides: {
        policy: { dir: fixture('policies/ok/company'), keepLastValid: false },
        directories: [{ name: 'corp', kind: 'ldif', file: ldif }],
      },
    });
    sql = await vigie.dependencies.database();
    await vigie.run('sync-directories', {});
    await vigie.run('run-audit', {});
    await vigie.run('run-audit', {});
    const [finding] = await sql.query(`SELECT id FROM finding_state WHERE login = 'hlefevre' ORDER BY id LIMIT 1`);
    const [other] = await sql.query(`SELECT id FROM finding_state WHERE login = 'bmartin' ORDER BY id LIMIT 1`);
    // Free text names her in every form, on her own finding and on someone else's.
    await vigie.run('decide-on-finding', {
      id: finding.id,
      decision: 'acknowledge',
      reason: `Hélène Lefèvre (hlefevre, E2003, HELENE.LEFEVRE@acme.test) keeps it until the audit of June`,
    });
    await vigie.run('decide-on-finding', {
      id: other.id,
      decision: 'acknowledge',
      reason: `Bruno replaces Helene Lefevre (uid=hlefevre,ou=people,dc=acme,dc=test) while she is away; Alice Durand (adurand, E2001, alice.durand@acme.test) approves, Paul Martin informed`,
    });
    writeFileSync(ldif, companyLdif({ without: ['hlefevre'] }));
    await vigie.run('sync-directories', { mode: 'full' });
  });

  afterAll(async () => {
    await vigie?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds her in a dump before the erasure (the search can find her)', async () => {
    expect(linesHolding(await pgDump(db.url), forms).length).toBeGreaterThan(10);
  });

  // Her request gives her name and mail: no row of Vigie keeps them once her account is gone, but free text may.
  const request = { names: [HELENE.name], mails: [HELENE.mail] };
  let heldBefore: Record<string, number>;

  it('exports what the erasure will touch, although she has left the directory', async () => {
    const report = await vigie.run('export-personal-data', { person: 'hlefevre', ...request });
    expect(report.identity).toMatchObject({ employeeIds: ['E2003'], logins: ['hlefevre'], mails: [HELENE.mail], displayNames: [HELENE.name] });
    expect(report.identity.dns.map((d) => d.toLowerCase())).toEqual([HELENE.dn]);
    // Two kept audit runs: the finding is in both.
    expect(report.findings.map((f) => f.rule)).toEqual(['G-EXCESS-VS-ROLE', 'G-EXCESS-VS-ROLE']);
    expect(report.heldIn).toMatchObject({
      finding: 2,
      finding_state: 2,
      sync_change: 1,
      sync_membership_change: 3,
      trail_person: 1,
      trail_personal: expect.any(Number),
    });
    heldBefore = report.heldIn;
  });

  it('leaves no form of her identity in a full pg_dump, and the trail still verifies', async () => {
    const result = await vigie.run('erase-personal-data', { person: 'E2003', ...request });
    expect(result.alreadyErased).toBe(false);
    // The export found everything the erasure touched (trail_person through the trail's own erasure).
    expect(Object.keys(result.rows).sort()).toEqual(
      Object.keys(heldBefore)
        .filter((t) => t !== 'trail_person')
        .sort(),
    );
    expect(linesHolding(await pgDump(db.url), forms)).toEqual([]);
    expect((await vigie.run('verify-trail', {})).problems).toEqual([]);
    // Bruno's own data is his: only her part of the reason on his finding is gone.
    const [{ reason }] = await sql.query(`SELECT reason FROM finding_state WHERE login = 'bmartin' AND reason IS NOT NULL`);
    expect(reason).toMatch(
      /^Bruno replaces erased-[0-9a-f]{8} \(uid=erased-[0-9a-f]{8},ou=people,dc=acme,dc=test\) while she is away; Alice Durand \(adurand, E2001, alice\.durand@acme\.test\) approves, Paul Martin informed$/,
    );
  });

  it('then exports that she was erased, and a second erasure says so instead of refusing', async () => {
    const report = await vigie.run('export-personal-data', { person: 'hlefevre' });
    expect(report.erasure).toMatchObject({ pseudonym: expect.stringMatching(/^p_/), erasedAt: expect.any(String) });
    expect(report.findings).toEqual([]);
    const again = await vigie.run('erase-personal-data', { person: 'HLEFEVRE' });
    expect(again).toMatchObject({ alreadyErased: true, erasedAt: report.erasure!.erasedAt, rows: {} });
    expect(linesHolding(await pgDump(db.url), forms)).toEqual([]);
    await expect(vigie.run('export-personal-data', { person: 'nobody-at-all' })).rejects.toThrow(/Vigie holds nothing about "nobody-at-all"/);
  });

  it('forced while the person is still in the directory: her name and mail come from her account, none left in the dump', async () => {
    const alice = ['Alice Durand', 'Durand Alice', 'adurand', 'alice.durand@acme.test', 'E2001', 'uid=adurand,ou=people,dc=acme,dc=test'];
    expect(linesHolding(await pgDump(db.url), alice).length).toBeGreaterThan(3);
    await expect(vigie.run('erase-personal-data', { person: 'adurand' })).rejects.toThrow(/still in the directory/);
    const result = await vigie.run('erase-personal-data', { person: 'adurand', force: true });
    expect(result).toMatchObject({ accounts: 1, alreadyErased: false });
    expect(linesHolding(await pgDump(db.url), alice)).toEqual([]);
    expect((await vigie.run('verify-trail', {})).problems).toEqual([]);
  });

  it('finds the name a DN holds (cn=Martin\\, Paul) and scrubs it from free text without being told, namesakes kept', async () => {
    const paul = ['Paul Martin', 'Martin, Paul', 'pmartin', 'E2004', /martin\\*(,|2c) *paul/];
    expect(linesHolding(await pgDump(db.url), paul).length).toBeGreaterThan(0);
    writeFileSync(ldif, companyLdif({ without: ['hlefevre', 'pmartin'] }));
    await vigie.run('sync-directories', { mode: 'full' });
    const result = await vigie.run('erase-personal-data', { person: 'pmartin' });
    expect(result.rows).toMatchObject({ finding_state: 1, sync_change: 1, sync_membership_change: 1 });
    expect(linesHolding(await pgDump(db.url), paul)).toEqual([]);
    const [{ reason }] = await sql.query(`SELECT reason FROM finding_state WHERE login = 'bmartin' AND reason IS NOT NULL`);
    expect(reason).toMatch(/, erased-[0-9a-f]{8} informed$/);
    // Bruno Martin shares his surname: he is not touched.
    expect(linesHolding(await pgDump(db.url), ['Bruno Martin', 'bmartin']).length).toBeGreaterThan(3);
  });
});

describe('GDPR erasure: names and mails a sync saw change are found again after the person left', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  let dir: string;
  let ldif: string;
  const company = (bruno: string) =>
    readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8').replace(
      /dn: uid=bmartin,ou=people,dc=acme,dc=test\n[\s\S]*?\n\n/,
      bruno ? `${bruno}\n\n` : '',
    );
  const bruno = (cn: string, mail: string) =>
    [
      'dn: uid=bmartin,ou=people,dc=acme,dc=test',
      'objectClass: inetOrgPerson',
      'uid: bmartin',
      `cn: ${cn}`,
      'sn: Martin',
      `mail: ${mail}`,
      'employeeNumber: E2002',
      'departmentNumber: Commercial',
    ].join('\n');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-erasure-renamed-'));
    ldif = join(dir, 'company.ldif');
    writeFileSync(ldif, company(bruno('Bruno Martin', 'bruno.martin@acme.test')));
    db = await createTestDatabase();
    vigie = testVigie({
      url: db.url,
      overrides: { policy: { dir: fixture('policies/ok/company'), keepLastValid: false }, directories: [{ name: 'corp', kind: 'ldif', file: ldif }] },
    });
    await vigie.run('sync-directories', {});
    writeFileSync(ldif, company(bruno('Bruno Martin-Lopez', 'bruno.martin-lopez@acme.test')));
    await vigie.run('sync-directories', { mode: 'full' });
    writeFileSync(ldif, company(''));
    await vigie.run('sync-directories', { mode: 'full' });
  });

  afterAll(async () => {
    await vigie?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('erases his former and latest name and mail without being told them', async () => {
    const forms = ['Bruno Martin', 'Bruno Martin-Lopez', 'bruno.martin@acme.test', 'bruno.martin-lopez@acme.test', 'bmartin', 'E2002'];
    expect(linesHolding(await pgDump(db.url), forms).length).toBeGreaterThan(0);
    const report = await vigie.run('export-personal-data', { person: 'bmartin' });
    expect(report.identity).toMatchObject({
      displayNames: expect.arrayContaining(['Bruno Martin', 'Bruno Martin-Lopez']),
      mails: expect.arrayContaining(['bruno.martin@acme.test', 'bruno.martin-lopez@acme.test']),
    });
    await vigie.run('erase-personal-data', { person: 'bmartin' });
    expect(linesHolding(await pgDump(db.url), forms)).toEqual([]);
  });
});
