import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configSchema, type VigieConfig } from '#vigie/config';
import type { DirectorySnapshot, SnapshotStore } from '#vigie/identity';
import { fakeOf, fixture, parsedBy, refusalsOf } from '../../testing/index.js';
import { snapshotFromLdif } from '../shared/ldif-snapshot.js';
import { SimulatePolicy } from './simulate-policy.use-case.js';

const CURRENT = fixture('policies/ok/company');
const COMPANY_LDIF = fixture('ldif/ok/openldap-company.ldif');
const ROSTER = fixture('hr/ok/company-roster.csv');
const ASOF = new Date('2026-11-15T00:00:00Z');

// The change under review: the HR share loses its rule, Sales may write the Finance share.
const CANDIDATE_RULES = `apiVersion: vigie.dev/v1
kind: AccessRuleList
rules:
  - description: Finance staff read and write the finance share
    when: { department: Finance }
    can: [read, write]
    on: share
    where: { id: share-finance }
  - description: Sales may write the Finance share (trial)
    when: { department: Commercial }
    can: [write]
    on: share
    where: { id: share-finance }
`;

type Config = Pick<VigieConfig, 'policy' | 'hr'>;

/** What-if on real policy files and real LDIF exports, offline or against the synchronised snapshots. */
describe(SimulatePolicy.name, () => {
  const input = SimulatePolicy.definition.input;
  let scratch: string;
  let candidate: string;
  let corp: DirectorySnapshot;
  let synchronised: DirectorySnapshot[];
  let storeOpened: number;
  const HR_DEFAULTS = configSchema.parse({}).hr;
  const config: Config = { policy: { dir: CURRENT, keepLastValid: true }, hr: HR_DEFAULTS };

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'vigie-simulate-'));
    candidate = join(scratch, 'candidate');
    await cp(CURRENT, candidate, { recursive: true });
    await writeFile(join(candidate, 'access-rules', 'departments.yaml'), CANDIDATE_RULES);
    corp = await snapshotFromLdif(COMPANY_LDIF, 'corp');
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));
  beforeEach(() => {
    synchronised = [corp];
    storeOpened = 0;
  });

  const sutWith = (c: Config) =>
    new SimulatePolicy(c, async () => {
      storeOpened++;
      return fakeOf<SnapshotStore>({ load: async () => synchronised });
    });
  const simulate = (given: { policies: string; base?: string; directory?: string; hr?: string; asOf?: Date }, c: Config = config) =>
    sutWith(c).execute(parsedBy(input, given));
  const brief = (findings: Array<{ rule: string; subject: { login: string | null }; resource: { id: string } | null }>) =>
    findings.map((f) => `${f.rule} ${f.subject.login} ${f.resource?.id ?? '-'}`);

  it('is for system actors only (the command line and CI): it declares no ability', () => {
    expect(SimulatePolicy.definition.name).toBe('simulate-policy');
    expect(SimulatePolicy.definition.ability).toBeUndefined();
  });

  it('needs the candidate policy, saying what it may be', () => {
    expect(refusalsOf(input, { policies: '' })).toEqual(['policies: give the candidate policy: a directory or a git ref']);
    expect(refusalsOf(input, {})).toEqual([expect.stringMatching(/^policies: /)]);
    expect(refusalsOf(input, { policies: candidate, format: 'json' })).toEqual(['unknown field(s) format']);
  });

  it('on an LDIF export, offline: the findings that would appear and disappear, the access that changes, and by which rule', async () => {
    const s = await simulate({ policies: candidate, directory: COMPANY_LDIF, asOf: ASOF });
    expect(storeOpened).toBe(0);
    expect(s.asOf).toBe(ASOF.toISOString());
    expect(s.directories).toEqual([{ name: 'openldap-company', syncedAt: null, accounts: 4 }]);
    expect(brief(s.findings.appeared)).toEqual(['G-EXCESS-VS-ROLE hlefevre share-hr']);
    expect(brief(s.findings.disappeared)).toEqual(['G-EXCESS-VS-ROLE bmartin share-finance']);
    expect(s.access.becomeNonCompliant).toEqual([expect.objectContaining({ login: 'hlefevre', level: 'read', before: 'allowed', after: 'not allowed' })]);
    expect(s.access.becomeCompliant).toEqual([
      expect.objectContaining({
        login: 'bmartin',
        level: 'write',
        before: 'not allowed',
        after: 'allowed',
        rule: 'access-rules/departments.yaml:9 Sales may write the Finance share (trial)',
      }),
    ]);
    expect(s.current).toMatchObject({ source: CURRENT, findings: 1 });
    expect(s.candidate).toMatchObject({ source: candidate, findings: 1 });
    expect(s.candidate.version).not.toBe(s.current.version);
  });

  it('compares with the base given instead of the configured policy', async () => {
    const same = await simulate({ policies: candidate, base: candidate, directory: COMPANY_LDIF, asOf: ASOF });
    expect(same.current.version).toBe(same.candidate.version);
    expect(same.findings).toEqual({ appeared: [], disappeared: [], severityChanged: [] });
  });

  it('on every synchronised directory when none is named', async () => {
    const s = await simulate({ policies: candidate, asOf: ASOF });
    expect(storeOpened).toBe(1);
    expect(s.directories.map((d) => d.name)).toEqual(['corp']);
    expect(brief(s.findings.disappeared)).toEqual(['G-EXCESS-VS-ROLE bmartin share-finance']);
  });

  it('is a conflict when no directory was synchronised, saying to sync or give an export', async () => {
    synchronised = [];
    await expect(simulate({ policies: candidate })).rejects.toMatchObject({
      kind: 'conflict',
      message: 'there is no synchronised directory to simulate on: run `vigie sync` first, or give --directory FILE.ldif',
    });
  });

  it('says a synchronised directory named that does not exist is not found, listing those that do', async () => {
    await expect(simulate({ policies: candidate, directory: 'hr' })).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('no synchronised directory named "hr"; synchronised: corp'),
    });
  });

  it('feeds the HR rules with the configured roster, or the one given', async () => {
    const currentFindings = (s: { current: { findings: number } }) => s.current.findings;
    expect(currentFindings(await simulate({ policies: candidate, directory: COMPANY_LDIF, asOf: ASOF }))).toBe(1);
    // adurand left on 2026-10-31 and is still in finance-team; pmartin has no HR record.
    const configured = await simulate({ policies: candidate, directory: COMPANY_LDIF, asOf: ASOF }, { ...config, hr: { ...HR_DEFAULTS, rosterFile: ROSTER } });
    expect(currentFindings(configured)).toBe(3);
    expect(currentFindings(await simulate({ policies: candidate, directory: COMPANY_LDIF, asOf: ASOF, hr: ROSTER }))).toBe(3);
  });

  it('refuses an invalid candidate, saying which policy and where, as invalid input', async () => {
    const err = await simulate({ policies: fixture('policies/not-ok/unknown-field'), directory: COMPANY_LDIF }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'invalid-input', details: [expect.stringMatching(/^resources\/shares\.yaml:\d+:\d+ {2}resources\[0\]\.criticallity/)] });
    expect((err as Error).message.split('\n')[0]).toBe(
      `the candidate policy (${fixture('policies/not-ok/unknown-field')}) is invalid; fix it and run \`vigie policy validate\`:`,
    );
  });

  it('refuses an invalid current policy the same way, naming it', async () => {
    const base = fixture('policies/not-ok/unknown-field');
    await expect(simulate({ policies: candidate, base, directory: COMPANY_LDIF })).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringMatching(/^the current policy \(.*unknown-field\) is invalid/),
    });
  });
});
