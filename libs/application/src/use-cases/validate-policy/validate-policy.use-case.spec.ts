import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VigieConfig } from '#vigie/config';
import type { DirectorySnapshot, SnapshotStore } from '#vigie/identity';
import { PolicyValidationError, formatPolicyIssue } from '#vigie/policy';
import { fakeOf, fixture, parsedBy, refusalsOf } from '../../testing/index.js';
import { snapshotFromLdif } from '../shared/ldif-snapshot.js';
import { ValidatePolicy } from './validate-policy.use-case.js';

const COMPANY = fixture('policies/ok/company');
const EVERY_MISTAKE = fixture('policies/not-ok/every-mistake');
const COMPANY_LDIF = fixture('ldif/ok/openldap-company.ldif');

type Config = Pick<VigieConfig, 'policy' | 'database'>;
const onPostgres: Config = {
  policy: { dir: COMPANY, keepLastValid: true },
  database: { url: 'postgres://vigie@127.0.0.1/vigie', dataDir: '.vigie/data', poolSize: 10 },
};

/** Validation against real policy files, and against directories read from real LDIF exports. */
describe(ValidatePolicy.name, () => {
  const input = ValidatePolicy.definition.input;
  let corp: DirectorySnapshot;
  let branch: DirectorySnapshot;
  let synchronised: DirectorySnapshot[];
  let storeOpened: number;

  beforeAll(async () => {
    corp = await snapshotFromLdif(COMPANY_LDIF, 'corp');
    branch = await snapshotFromLdif(fixture('ldif/ok/branch-access.ldif'), 'branch');
  });
  beforeEach(() => {
    synchronised = [corp];
    storeOpened = 0;
  });

  /** The snapshot store opens the database: the spec counts how often the use case asks for it. */
  const sutWith = (config: Config) =>
    new ValidatePolicy(config, async () => {
      storeOpened++;
      return fakeOf<SnapshotStore>({ load: async () => synchronised });
    });
  const validate = (config: Config, given: { policies?: string; directory?: string; offline?: boolean }) => sutWith(config).execute(parsedBy(input, given));
  const refusal = (config: Config, given: { policies?: string; directory?: string; offline?: boolean }) =>
    validate(config, given).then(
      () => {
        throw new Error('expected the policy to be refused');
      },
      (err: unknown) => {
        if (!(err instanceof PolicyValidationError)) throw err;
        return err;
      },
    );

  it('is for system actors only (the command line and CI): it declares no ability', () => {
    expect(ValidatePolicy.definition.name).toBe('validate-policy');
    expect(ValidatePolicy.definition.ability).toBeUndefined();
  });

  it('checks against the directories by default; refuses an empty path and unknown fields', () => {
    expect(parsedBy(input, {})).toEqual({ offline: false });
    expect(refusalsOf(input, { policies: '' })).toEqual([expect.stringMatching(/^policies: /)]);
    expect(refusalsOf(input, { strict: true })).toEqual(['unknown field(s) strict']);
  });

  it('validates the configured policy directory when none is given', async () => {
    const out = await validate(onPostgres, { offline: true });
    expect(out.dir).toBe(COMPANY);
    expect(out.policy.version).toMatch(/^[0-9a-f]{64}$/);
    expect(out.policy.resources.map((r) => r.id)).toEqual(['share-finance', 'share-hr']);
  });

  describe('offline', () => {
    it('checks the files only, and never opens the database', async () => {
      const out = await validate(onPostgres, { policies: COMPANY, offline: true });
      expect(out.groupNames).toBe('not checked (--offline)');
      expect(storeOpened).toBe(0);
    });

    it('reports every mistake of the files at once, with file, line and what is expected, but no group', async () => {
      const err = await refusal(onPostgres, { policies: EVERY_MISTAKE, offline: true });
      expect(err.kind).toBe('invalid-input');
      expect(err.message.split('\n')[0]).toBe(`${EVERY_MISTAKE} is invalid (5 problems; group names not checked (--offline)):`);
      expect(err.details.map((d) => d.replace(/: .*/s, ''))).toEqual([
        'access-rules/rules.yaml:9:18  rules[0].where.id',
        'access-rules/rules.yaml:13:29  rules[1].where.name.$like',
        'resources/shares.yaml:13:11  resources[1].name',
        'resources/shares.yaml:14:5  resources[1].criticallity',
        'settings/settings.yaml:6:1  Flow map in block collection must be sufficiently indented and end with a }',
      ]);
    });
  });

  describe('against an LDIF export', () => {
    it('checks the group names against the export, without the database', async () => {
      const out = await validate(onPostgres, { policies: COMPANY, directory: COMPANY_LDIF });
      expect(out.groupNames).toBe(`checked against the LDIF export ${COMPANY_LDIF} (7 groups)`);
      expect(storeOpened).toBe(0);
    });

    it('adds the groups the export lacks to the mistakes, and says what they were checked against', async () => {
      const err = await refusal(onPostgres, { policies: EVERY_MISTAKE, directory: COMPANY_LDIF });
      expect(err.message.split('\n')[0]).toBe(
        `${EVERY_MISTAKE} is invalid (7 problems; group names checked against the LDIF export ${COMPANY_LDIF} (7 groups)):`,
      );
      expect(err.details).toHaveLength(7);
      expect(err.details).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^resources\/shares\.yaml:16:14 {2}resources\[1\]\.grants\.read\[0\]: unknown group "hr-readerz"/),
          expect.stringContaining('unknown group "payroll-team"'),
        ]),
      );
    });
  });

  describe('warnings: valid, but not what the author can have meant', () => {
    const MISMATCH = fixture('policies/ok/directory-mismatch');

    it('warns about conditions on values no account holds and inventory logins no account has, with file and line', async () => {
      const out = await validate(onPostgres, { policies: MISMATCH, directory: COMPANY_LDIF });
      const holds = `department values in the LDIF export ${COMPANY_LDIF}: Commercial, Finance, RH`;
      expect(out.warnings.map(formatPolicyIssue)).toEqual([
        `access-rules/departments.yaml:7:25  rules[0].when.department: no account has department "Comptabilité", so this never matches (${holds})`,
        `access-rules/departments.yaml:12:37  rules[1].when.department.$in[1]: no account has department "Ressources humaines", so this never matches (${holds})`,
        `access-rules/departments.yaml:17:34  rules[2].when.$and[0].department: no account has department "finance", so this never matches (${holds}); values are compared exactly: write "Finance"`,
        `externals/contractors.yaml:4:14  externals[0].login: external person "xpresta" is no account of the LDIF export ${COMPANY_LDIF}: remove the entry, or correct the login`,
        `grants/closing.yaml:5:31  grants[1].to.login: login "nobody" is no account of the LDIF export ${COMPANY_LDIF}: the grant allows nobody; correct the login`,
        `settings/settings.yaml:4:5  serviceAccounts[0]: service account "svc-ghost" is no account of the LDIF export ${COMPANY_LDIF}: remove it from the inventory, or correct the login`,
      ]);
    });

    it("counts the HR roster's departments as held, since access rules read them where the directory has none", async () => {
      const config = { ...onPostgres, hr: { rosterFile: fixture('hr/ok/company-roster.csv') } };
      const out = await validate(config, { policies: MISMATCH, directory: COMPANY_LDIF });
      expect(out.warnings.filter((w) => w.path.includes('department')).map((w) => w.message)).toEqual([
        expect.stringContaining(`(department values in the LDIF export ${COMPANY_LDIF} and the HR roster: `),
        expect.stringContaining('"Ressources humaines"'),
        expect.stringContaining('"finance"'),
      ]);
    });

    it('has none when nothing was checked against a directory', async () => {
      expect((await validate(onPostgres, { policies: MISMATCH, offline: true })).warnings).toEqual([]);
    });
  });

  describe('against the synchronised directories', () => {
    it('checks the group names against every synchronised directory', async () => {
      expect((await validate(onPostgres, { policies: COMPANY })).groupNames).toBe('checked against directory corp (7 groups)');
      synchronised = [corp, branch];
      expect((await validate(onPostgres, { policies: COMPANY })).groupNames).toBe(
        `checked against directories corp, branch (${7 + branch.groups.length} groups)`,
      );
    });

    it('names the directory a group is missing from', async () => {
      const err = await refusal(onPostgres, { policies: EVERY_MISTAKE });
      expect(err.details).toEqual(
        expect.arrayContaining([expect.stringContaining('unknown group "hr-readerz": no group of directory corp has this name or DN')]),
      );
    });

    it('checks against the one named', async () => {
      synchronised = [corp, branch];
      expect((await validate(onPostgres, { policies: COMPANY, directory: 'corp' })).groupNames).toBe('checked against directory corp (7 groups)');
    });

    it('says a directory named that was never synchronised is not found, listing those that were', async () => {
      await expect(validate(onPostgres, { policies: COMPANY, directory: 'hr' })).rejects.toMatchObject({
        kind: 'not-found',
        message: 'no synchronised directory named "hr"; synchronised: corp (or give an .ldif file)',
      });
    });

    it('is a conflict to name a directory when none was ever synchronised, saying to sync first', async () => {
      synchronised = [];
      await expect(validate(onPostgres, { policies: COMPANY, directory: 'corp' })).rejects.toMatchObject({
        kind: 'conflict',
        message: expect.stringContaining('run `vigie sync` first'),
      });
    });

    it('leaves the group names unchecked when no directory was synchronised yet, and says so', async () => {
      synchronised = [];
      expect((await validate(onPostgres, { policies: COMPANY })).groupNames).toBe(
        'not checked: no synchronised directory yet (run `vigie sync`, or give --directory FILE.ldif)',
      );
    });
  });

  describe('on the embedded database', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vigie-validate-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('never creates the database to check group names: unchecked when it does not exist yet', async () => {
      const config: Config = { policy: { dir: COMPANY, keepLastValid: true }, database: { dataDir: join(dir, 'data'), poolSize: 10 } };
      expect((await validate(config, {})).groupNames).toBe('not checked: no database yet (run `vigie sync`, or give --directory FILE.ldif)');
      expect(storeOpened).toBe(0);
    });

    it('checks against it once it exists', async () => {
      const config: Config = { policy: { dir: COMPANY, keepLastValid: true }, database: { dataDir: dir, poolSize: 10 } };
      expect((await validate(config, {})).groupNames).toBe('checked against directory corp (7 groups)');
      expect(storeOpened).toBe(1);
    });
  });
});
