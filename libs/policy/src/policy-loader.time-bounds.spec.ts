import { fileURLToPath } from 'node:url';
import { knownGroupsNamed } from './__fixtures__/known-groups.js';
import { loadPolicy } from './policy-loader.js';
import { PolicyValidationError } from './policy-validation.error.js';
import { unknownGroupReferences } from './policy-references.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

describe('time bounds in the policy: temporary grants (grants/) and external people (externals/)', () => {
  it('loads the grants and the external people with where each was written', async () => {
    const policy = await loadPolicy(fixture('ok/time-bounds'));
    expect(policy.grants).toEqual([
      expect.objectContaining({
        id: 'REQ-2026-118',
        to: { login: 'jdupont' },
        resource: 'share-finance',
        levels: ['read', 'write'],
        until: '2026-12-31',
        approvedBy: 'E1001',
        source: { file: 'grants/closing.yaml', index: 0, line: 5 },
      }),
      expect.objectContaining({ id: 'REQ-2026-120', to: { group: 'GG_Auditeurs', directory: 'corp-ad' }, source: expect.objectContaining({ line: 12 }) }),
    ]);
    expect(policy.externals).toEqual([
      expect.objectContaining({ login: 'xpresta', type: 'contractor', sponsor: 'E1004', endDate: '2027-03-31', company: 'Presta Conseil' }),
      expect.objectContaining({
        login: 'stagiaire1',
        type: 'intern',
        directory: 'corp-ad',
        source: { file: 'externals/contractors.yaml', index: 1, line: 11 },
      }),
    ]);
  });

  it('checks the group a grant names against the directory, with its line', async () => {
    const policy = await loadPolicy(fixture('ok/time-bounds'));
    const unknown = unknownGroupReferences(policy, knownGroupsNamed(['DL_Finance_R', 'DL_Finance_RW']));
    expect(unknown.map(({ group, file, line, path }) => `${file}:${line} ${path} ${group}`)).toEqual([
      'grants/closing.yaml:13 grants[1].to.group GG_Auditeurs',
    ]);
  });

  it('reports every mistake with its file, line and what to write instead', async () => {
    const error = await loadPolicy(fixture('not-ok/time-bounds')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PolicyValidationError);
    expect((error as PolicyValidationError).message.split('\n')).toEqual([
      'externals/contractors.yaml:4:5  externals[0].sponsor: missing required field "sponsor" (expected a string)',
      'externals/contractors.yaml:5:11  externals[0].type: "freelance" is not allowed; expected one of: contractor, consultant, intern, vendor, temporary, partner',
      "externals/contractors.yaml:7:12  externals[1].login: \"svc-backup\" is also in the settings' serviceAccounts: an account is either a person's (here) or a service's (there), not both",
      'externals/contractors.yaml:11:5  externals[2].endDate: missing required field "endDate" (expected a string)',
      'externals/contractors.yaml:11:12  externals[2].login: "XPRESTA" is already listed at externals/contractors.yaml:4',
      'grants/closing.yaml:5:9  grants[0].to: name exactly one beneficiary: login, employeeId or group (found login and group)',
      'grants/closing.yaml:7:14  grants[0].levels[0]: the resource grants no group write (see resources/shares.yaml:4): the grant would allow nothing; name a level the resource grants',
      'grants/closing.yaml:8:12  grants[0].until: 2026-02-30 is not a date of the calendar: write an existing day as YYYY-MM-DD',
      'grants/closing.yaml:10:5  grants[1].reason: missing required field "reason" (expected a string)',
      'grants/closing.yaml:10:9  grants[1].id: duplicate grant id "REQ-1", already defined at grants/closing.yaml:4',
      'grants/closing.yaml:11:9  grants[1].to: name exactly one beneficiary: login, employeeId or group',
      'grants/closing.yaml:12:15  grants[1].resource: unknown resource id "share-nowhere"; no resource file defines it',
      'grants/closing.yaml:14:12  grants[1].until: must be a date written YYYY-MM-DD, such as 2026-10-01',
    ]);
  });
});
