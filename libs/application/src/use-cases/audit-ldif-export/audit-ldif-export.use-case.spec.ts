import { DefaultDirectoryReader } from '#vigie/directory';
import { fixture, parsedBy, refusalsOf } from '../../testing/index.js';
import { ValidatePolicy } from '../validate-policy/validate-policy.use-case.js';
import { AuditLdifExport } from './audit-ldif-export.use-case.js';

const ASOF = new Date('2026-11-15T00:00:00Z');
const EXPORT = fixture('ldif/ok/openldap-company.ldif');
const POLICIES = fixture('policies/ok/company');

/** The offline audit on real files: an LDIF export read by the real reader, a policy directory, an HR roster. */
describe(AuditLdifExport.name, () => {
  const sut = new AuditLdifExport(new DefaultDirectoryReader());
  const run = (input: { file: string; policies: string; hr?: string; asOf?: Date }) => sut.execute(parsedBy(AuditLdifExport.definition.input, input));
  const brief = (findings: Array<{ rule: string; subject: { login: string | null } }>) => findings.map((f) => `${f.rule} ${f.subject.login}`).sort();

  it('is for system actors only (the command line): it declares no ability', () => {
    expect(AuditLdifExport.definition.name).toBe('audit-ldif-export');
    expect(AuditLdifExport.definition.ability).toBeUndefined();
  });

  it('refuses an input without the export or the policy, saying what to give', () => {
    expect(refusalsOf(AuditLdifExport.definition.input, { file: '', policies: POLICIES })).toEqual([
      'file: give the path of an LDIF export (ldifde or slapcat)',
    ]);
    expect(refusalsOf(AuditLdifExport.definition.input, { file: EXPORT })).toEqual([expect.stringMatching(/^policies: /)]);
    expect(refusalsOf(AuditLdifExport.definition.input, { file: EXPORT, policies: POLICIES, asOf: 'today' })).toEqual([expect.stringMatching(/^asOf: /)]);
  });

  it('audits the export with the policy, naming the directory after the file', async () => {
    const outcome = await run({ file: EXPORT, policies: POLICIES, asOf: ASOF });
    expect(outcome.report.asOf).toBe(ASOF.toISOString());
    expect(outcome.report.policyVersion).toMatch(/^[0-9a-f]{64}$/);
    expect(outcome.report.findings).toEqual([
      expect.objectContaining({
        rule: 'G-EXCESS-VS-ROLE',
        subject: expect.objectContaining({ directory: 'openldap-company', login: 'bmartin' }),
        explain: expect.arrayContaining(['finance-share-rw grants write on share-finance']),
      }),
    ]);
  });

  it('reads the HR roster for the leaver and orphan rules', async () => {
    const outcome = await run({ file: EXPORT, policies: POLICIES, hr: fixture('hr/ok/company-roster.csv'), asOf: ASOF });
    // adurand left on 2026-10-31 and is still in finance-team; pmartin has no HR record.
    expect(brief(outcome.report.findings)).toEqual(['G-EXCESS-VS-ROLE bmartin', 'G-LEAVER adurand', 'G-ORPHAN pmartin']);
  });

  it('says which file is missing, as invalid input', async () => {
    const missing = fixture('ldif/ok/nowhere.ldif');
    await expect(run({ file: missing, policies: POLICIES })).rejects.toMatchObject({
      kind: 'invalid-input',
      message: `no file ${missing}: give the path of an LDIF export (ldifde or slapcat)`,
    });
  });

  it('says where a malformed export breaks, and which entries carry one GUID, as invalid input', async () => {
    await expect(run({ file: fixture('ldif/not-ok/missing-colon.ldif'), policies: POLICIES })).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringMatching(/missing-colon\.ldif:6: no colon/),
    });
    await expect(run({ file: fixture('ldif/not-ok/duplicate-guid.ldif'), policies: POLICIES })).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringContaining('is carried by two entries, CN=Jean Dupont,OU=Finance,DC=acme,DC=test and CN=Jean Dupont 2,OU=Finance,DC=acme,DC=test'),
    });
  });

  it('refuses an invalid policy with every problem located, as invalid input', async () => {
    const err = await run({ file: EXPORT, policies: fixture('policies/not-ok/unknown-field') }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'invalid-input',
      details: [expect.stringMatching(/^resources\/shares\.yaml:\d+:\d+ {2}resources\[0\]\.criticallity: unknown field "criticallity"/)],
    });
  });

  it('refuses a policy naming a group the export lacks, with the lines `policy validate --directory` gives for it', async () => {
    const file = fixture('ldif/ok/ad-company.ldif');
    const err = (await run({ file, policies: POLICIES }).catch((e: unknown) => e)) as { kind: string; details: string[] };
    const validate = new ValidatePolicy({ policy: { dir: POLICIES, keepLastValid: false }, database: { dataDir: '/nonexistent', poolSize: 4 } }, () =>
      Promise.reject(new Error('no database: the export is the directory')),
    );
    const refused = (await validate.execute({ policies: POLICIES, directory: file, offline: false }).catch((e: unknown) => e)) as { details: string[] };
    expect(err.kind).toBe('invalid-input');
    expect(err.details).toContainEqual(
      expect.stringMatching(/ resources\[0\]\.grants\.write\[0\]: unknown group "finance-share-rw": no group of the LDIF export /),
    );
    expect(err.details).toEqual(refused.details);
  });

  it('says which roster it cannot read', async () => {
    await expect(run({ file: EXPORT, policies: POLICIES, hr: fixture('hr/ok/nope.csv') })).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringMatching(/nope\.csv: cannot read the HR roster/),
    });
  });
});
