import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { AdminCountMismatchRule } from './h-admincount-mismatch.rule.js';

describe(AdminCountMismatchRule.name, () => {
  const sut = new AdminCountMismatchRule();
  const admins = aGroup('Domain Admins', { objectSid: sidOf(512) });
  const user = (login: string, rid: number, adminCount: number | null, over = {}) => anAccount(login, { objectSid: sidOf(rid), adminCount, ...over });

  it('flags adminCount=1 left on a former administrator', () => {
    const snap = aSnapshot([user('former', 1200, 1)], [admins]);
    const [f] = findingsOf(sut, snap);
    expect(summary([f])).toEqual(['former - medium']);
    expect(f.message).toMatch(/in no group AdminSDHolder protects/);
    expect(f.evidence).toMatchObject({ adminCount: 1, privilegedGroups: [] });
  });

  it('flags a member of a protected group without adminCount, nested included', () => {
    const snap = aSnapshot(
      [user('fresh', 1201, null), user('zero', 1202, 0)],
      [admins, aGroup('GG_Tier0')],
      [
        ['fresh', 'Domain Admins'],
        ['zero', 'GG_Tier0'],
        ['GG_Tier0', 'Domain Admins'],
      ],
    );
    const findings = findingsOf(sut, snap);
    expect(summary(findings)).toEqual(['fresh - medium', 'zero - medium']);
    expect(findings.find((f) => f.subject.login === 'zero')!.explain).toEqual([
      'zero ∈ GG_Tier0 (direct)',
      'GG_Tier0 ∈ Domain Admins (nested)',
      'Domain Admins is protected by AdminSDHolder: SDProp sets adminCount=1 on its members within the hour',
      'adminCount is 0: a membership added just now, or an object someone altered',
    ]);
  });

  it('accepts what real domains look like', () => {
    const snap = aSnapshot(
      [
        user('admin', 1300, 1), // a protected member
        user('Administrator', 500, 1), // protected by name, whatever its groups
        user('krbtgt', 502, 1, { enabled: false }), // protected by name, in no group
        user('gpo', 1301, null), // Group Policy Creator Owners is not protected by AdminSDHolder
        user('company', 1302, null), // a company privileged group is not either
        user('repl', 1303, 1), // Replicator is protected, though not privileged here
        user('primary', 1304, null, { primaryGroupId: 512 }), // SDProp does not follow primaryGroupID
        user('people', 1305, null),
        anAccount('ldapadmin', { adminCount: null }), // OpenLDAP: no adminCount at all
      ],
      [
        admins,
        aGroup('Group Policy Creator Owners', { objectSid: sidOf(520) }),
        aGroup('GG_App_Admins'),
        aGroup('Replicator', { objectSid: 'S-1-5-32-552' }),
        aGroup('ldap-admins'),
      ],
      [
        ['admin', 'Domain Admins'],
        ['gpo', 'Group Policy Creator Owners'],
        ['company', 'GG_App_Admins'],
        ['repl', 'Replicator'],
        ['ldapadmin', 'ldap-admins'],
      ],
    );
    expect(findingsOf(sut, snap, aPolicy({ settings: { privilegedGroups: ['GG_App_Admins', 'ldap-admins'] } }))).toEqual([]);
  });
});
