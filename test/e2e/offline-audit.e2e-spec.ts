import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** A consultant audits a customer's LDIF export on a laptop: no directory server, no database. */
describe('vigie audit --directory <export.ldif> (offline)', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'vigie-offline-'));
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  const args = (...more: string[]) => ['audit', '--directory', fixture('ldif/ok/openldap-company.ldif'), '--policies', fixture('policies/ok/company'), ...more];

  it('writes the findings contract with explanations, and stores nothing', async () => {
    const r = await runCli(args('--format', 'json'), {}, cwd);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'G-EXCESS-VS-ROLE',
        subject: expect.objectContaining({ directory: 'openldap-company', login: 'bmartin' }),
        explain: expect.arrayContaining(['finance-share-rw grants write on share-finance']),
      }),
    ]);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('reads an HR roster for the leaver and orphan rules, and writes CSV', async () => {
    const r = await runCli(args('--hr', fixture('hr/ok/company-roster.csv'), '--format', 'csv'), {}, cwd);
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split('\r\n');
    expect(rows[0]).toMatch(/^id,rule,severity,directory,login/);
    const ruleLogin = rows.slice(1).map((row) =>
      row
        .split(',')
        .slice(1, 5)
        .filter((_, i) => i !== 1 && i !== 2)
        .join(' '),
    );
    // adurand left on 2026-10-31 and is still in finance-team; pmartin has no HR record.
    expect(ruleLogin).toEqual(expect.arrayContaining(['G-LEAVER adurand', 'G-ORPHAN pmartin', 'G-EXCESS-VS-ROLE bmartin']));
    expect(rows).toHaveLength(4);
    expect(existsSync(join(cwd, '.vigie'))).toBe(false);
  });

  it('judges a past day with --as-of: the report is dated that day, and a leaver who had not left yet is no leaver', async () => {
    const hr = ['--hr', fixture('hr/ok/company-roster.csv'), '--format', 'json'];
    const before = JSON.parse((await runCli(args(...hr, '--as-of', '2026-10-15'), {}, cwd)).stdout);
    const after = JSON.parse((await runCli(args(...hr, '--as-of', '2026-11-15'), {}, cwd)).stdout);
    expect([before.asOf, after.asOf]).toEqual(['2026-10-15T00:00:00.000Z', '2026-11-15T00:00:00.000Z']);
    const leavers = (report: { findings: Array<{ rule: string; subject: { login: string } }> }) =>
      report.findings.filter((f) => f.rule === 'G-LEAVER').map((f) => f.subject.login);
    // adurand's HR end date is 2026-10-31.
    expect(leavers(before)).toEqual([]);
    expect(leavers(after)).toEqual(['adurand']);
  });

  it('refuses an --as-of that is no date with a usage error, before reading anything', async () => {
    const r = await runCli(args('--as-of', '31/10/2026'), {}, cwd);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/invalid --as-of "31\/10\/2026": expected a day as YYYY-MM-DD/);
  });

  it('says what is wrong with a missing export, a malformed one, or a bad roster', async () => {
    const missing = await runCli(['audit', '--directory', 'nowhere.ldif', '--policies', fixture('policies/ok/company')], {}, cwd);
    expect(missing.code).toBe(65);
    expect(missing.stderr).toMatch(/no file nowhere\.ldif: give the path of an LDIF export/);
    const malformed = await runCli(['audit', '--directory', fixture('ldif/not-ok/missing-colon.ldif'), '--policies', fixture('policies/ok/company')], {}, cwd);
    // A file the user gave that cannot be used is invalid input: exit code 65 (EX_DATAERR).
    expect(malformed.code).toBe(65);
    expect(malformed.stderr).toMatch(/missing-colon\.ldif:6/);
    const roster = await runCli(args('--hr', fixture('hr/ok/nope.csv')), {}, cwd);
    expect(roster.code).toBe(65);
    expect(roster.stderr).toMatch(/nope\.csv: cannot read the HR roster/);
  });

  it('refuses an export where two entries carry the same objectGUID, naming it, both entries and the file', async () => {
    const file = fixture('ldif/not-ok/duplicate-guid.ldif');
    const r = await runCli(['audit', '--directory', file, '--policies', fixture('policies/ok/company')], {}, cwd);
    expect(r.code).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `vigie: directory "duplicate-guid" read from ${file}: objectGUID / entryUUID 6a1d2c3b-0000-4000-8000-00000000000a is carried by two entries, ` +
        "CN=Jean Dupont,OU=Finance,DC=acme,DC=test and CN=Jean Dupont 2,OU=Finance,DC=acme,DC=test. Check the export (two exports merged into one?) or the directory's replication\n",
    );
    expect(readdirSync(cwd)).toEqual([]);
  });
});
