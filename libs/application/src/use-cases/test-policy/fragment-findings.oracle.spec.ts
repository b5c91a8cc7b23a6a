import { directoryFragmentSchema, loadPolicy } from '#vigie/policy';
import { fileURLToPath } from 'node:url';
import { fragmentSnapshot } from './directory-fragment.snapshot.js';
import { fragmentFindingsOracle, UnimplementedRuleError } from './fragment-findings.oracle.js';

const policiesDir = fileURLToPath(new URL('../../../../../policies', import.meta.url));
const fragment = (value: unknown) => directoryFragmentSchema.parse(value);
const ASOF = new Date('2026-11-15T00:00:00Z');

describe(fragmentSnapshot.name, () => {
  it('creates the groups a fragment names, and gives well-known RIDs their SID', () => {
    const s = fragmentSnapshot(
      fragment({ accounts: [{ login: 'a', memberOf: ['GG_X'], primaryGroup: 'Domain Users' }], groups: [{ name: 'Domain Users', rid: 513 }] }),
    );
    expect(s.groups.map((g) => [g.name, g.objectSid])).toEqual([
      ['Domain Users', 'S-1-5-21-0-0-0-513'],
      ['GG_X', 'S-1-5-21-0-0-0-10000'],
    ]);
    expect(s.accounts[0]).toMatchObject({ login: 'a', primaryGroupId: 513, enabled: true, directory: 'test' });
    expect(s.memberships).toEqual([{ groupDnNorm: 'cn=gg_x,ou=groups,dc=test,dc=vigie', memberDnNorm: 'cn=a,ou=people,dc=test,dc=vigie' }]);
  });
});

describe('fragmentFindingsOracle', () => {
  it('runs the real rules: a primary group path and a built-in privileged group', async () => {
    const policy = await loadPolicy(policiesDir);
    const findings = fragmentFindingsOracle({
      policy,
      asOf: ASOF,
      directory: fragment({
        accounts: [
          { login: 'adm', userAccountControl: 66048, memberOf: ['Domain Admins'], lastLogon: '2026-11-14' },
          { login: 'sales', department: 'Commercial', primaryGroup: 'GG_Finance', lastLogon: '2026-11-14' },
        ],
        groups: [
          { name: 'Domain Admins', rid: 512 },
          { name: 'GG_Finance', memberOf: ['DL_Finance_RW'] },
        ],
      }),
    });
    expect(findings.map((f) => `${f.rule} ${f.login} ${f.resource ?? '-'} ${f.severity}`).sort()).toEqual([
      // adm: no employee id, no NOT_DELEGATED flag nor Protected Users, no adminCount (fragments have none);
      // sales: a primary group that hides a membership. The example policy's Marketing share is not reviewed.
      'G-ADMIN-DAILY adm - medium',
      'G-EXCESS-VS-ROLE sales share-finance high',
      'G-REVIEW-OVERDUE null share-marketing medium',
      'H-ADMIN-DELEGABLE adm - medium',
      'H-ADMINCOUNT-MISMATCH adm - medium',
      'H-PRIMARYGROUP sales - high',
      'H-PRIV-NEVER-EXPIRES adm - critical',
    ]);
  });

  it('refuses a catalogue rule this version does not implement', async () => {
    const policy = await loadPolicy(policiesDir);
    expect(() =>
      fragmentFindingsOracle({ policy, asOf: ASOF, rules: ['G-SOD', 'R-SAR-OVERDUE'], directory: fragment({ accounts: [{ login: 'a' }] }) }),
    ).toThrow(UnimplementedRuleError);
  });
});
