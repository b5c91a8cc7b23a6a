import { normalizeDn } from '#vigie/directory';
import { type MembershipAddition } from '#vigie/identity';
import type { ApprovedMembership } from '#vigie/requests';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { ASOF, aPolicy, aResource, daysAgo, findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { PrivChangeRule } from './g-priv-change.rule.js';

const groupDn = (name: string) => `CN=${name},OU=Groups,DC=acme,DC=test`;
const accountDn = (login: string) => `CN=${login},OU=People,DC=acme,DC=test`;

/** A `member` link that a sync run saw appear two days before the audit. */
function added(member: string, group: string, memberIsGroup = false): MembershipAddition {
  return {
    directory: 'corp',
    via: 'member',
    groupDnNorm: normalizeDn(groupDn(group)),
    primaryGroupId: null,
    memberDnNorm: normalizeDn(memberIsGroup ? groupDn(member) : accountDn(member)),
    runId: 'run-7',
    seenAt: daysAgo(2),
  };
}

describe(PrivChangeRule.name, () => {
  const sut = new PrivChangeRule();
  const domainAdmins = () => aGroup('Domain Admins', { objectSid: sidOf(512) });

  it('flags a new direct member of Domain Admins and explains which run saw it', () => {
    const snap = aSnapshot(
      [anAccount('mallory'), anAccount('alice')],
      [domainAdmins()],
      [
        ['mallory', 'Domain Admins'],
        ['alice', 'Domain Admins'],
      ],
    );
    const findings = findingsOf(sut, snap, aPolicy(), ASOF, { membershipAdditions: [added('mallory', 'Domain Admins')] });
    expect(summary(findings)).toEqual(['mallory - critical']);
    expect(findings[0].message).toBe('New membership of privileged group Domain Admins, with no approved access request');
    expect(findings[0].evidence).toMatchObject({
      target: 'Domain Admins',
      addedMember: 'mallory',
      addedTo: 'Domain Admins',
      via: 'member',
      syncRunId: 'run-7',
    });
    expect(findings[0].explain).toEqual([
      'mallory ∈ Domain Admins (direct)',
      `mallory was added to Domain Admins: seen by the sync run of ${daysAgo(2).toISOString()} (run-7); no approved access request`,
    ]);
  });

  it('flags a nested newcomer: an account added to a group that sits in a privileged group', () => {
    const snap = aSnapshot(
      [anAccount('bob')],
      [domainAdmins(), aGroup('GG_Tier0')],
      [
        ['GG_Tier0', 'Domain Admins'],
        ['bob', 'GG_Tier0'],
      ],
    );
    const findings = findingsOf(sut, snap, aPolicy(), ASOF, { membershipAdditions: [added('bob', 'GG_Tier0')] });
    expect(summary(findings)).toEqual(['bob - critical']);
    expect(findings[0].explain.slice(0, 2)).toEqual(['bob ∈ GG_Tier0 (direct)', 'GG_Tier0 ∈ Domain Admins (nested)']);
  });

  it('counts a link older than lookbackDays as established, whoever passed it', () => {
    const snap = aSnapshot([anAccount('mallory')], [domainAdmins()], [['mallory', 'Domain Admins']]);
    const old = { ...added('mallory', 'Domain Admins'), seenAt: daysAgo(400) };
    expect(findingsOf(sut, snap, aPolicy(), ASOF, { membershipAdditions: [old] })).toEqual([]);
    const longer = aPolicy({ settings: { rules: { 'G-PRIV-CHANGE': { lookbackDays: 500 } } } });
    expect(summary(findingsOf(sut, snap, longer, ASOF, { membershipAdditions: [old] }))).toEqual(['mallory - critical']);
  });

  it('stays silent when the account already reached the group through a link that was there at the baseline', () => {
    const snap = aSnapshot(
      [anAccount('carol')],
      [domainAdmins(), aGroup('GG_Tier0')],
      [
        ['GG_Tier0', 'Domain Admins'],
        ['carol', 'GG_Tier0'],
        ['carol', 'Domain Admins'],
      ],
    );
    expect(findingsOf(sut, snap, aPolicy(), ASOF, { membershipAdditions: [added('carol', 'Domain Admins')] })).toEqual([]);
  });

  it('stays silent when the added link is gone from the snapshot, or led nowhere sensitive', () => {
    const snap = aSnapshot([anAccount('dave')], [domainAdmins(), aGroup('GG_Sales')], [['dave', 'GG_Sales']]);
    expect(findingsOf(sut, snap, aPolicy(), ASOF, { membershipAdditions: [added('dave', 'Domain Admins'), added('dave', 'GG_Sales')] })).toEqual([]);
  });

  it('stays silent without sync history (an LDIF file has none)', () => {
    const snap = aSnapshot([anAccount('erin')], [domainAdmins()], [['erin', 'Domain Admins']]);
    expect(findingsOf(sut, snap)).toEqual([]);
  });

  it('reports a group made a member once, on that group, naming the accounts it brings in', () => {
    const snap = aSnapshot(
      [anAccount('frank'), anAccount('grace'), anAccount('heidi')],
      [domainAdmins(), aGroup('GG_Helpdesk')],
      [
        ['frank', 'GG_Helpdesk'],
        ['grace', 'GG_Helpdesk'],
        ['heidi', 'Domain Admins'],
        ['heidi', 'GG_Helpdesk'],
        ['GG_Helpdesk', 'Domain Admins'],
      ],
    );
    const findings = findingsOf(sut, snap, aPolicy(), ASOF, { membershipAdditions: [added('GG_Helpdesk', 'Domain Admins', true)] });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ subject: { type: 'group', name: 'GG_Helpdesk' }, severity: 'critical' });
    // heidi was a Domain Admin before: only frank and grace are new.
    expect(findings[0].evidence).toMatchObject({ newMemberCount: 2, newMembers: ['frank', 'grace'] });
  });

  it('flags a new primary group that is privileged (AD never lists it in member)', () => {
    const snap = aSnapshot([anAccount('ivan', { objectSid: sidOf(1200), primaryGroupId: 512 })], [domainAdmins()], []);
    const primary: MembershipAddition = {
      directory: 'corp',
      via: 'primary-group',
      groupDnNorm: null,
      primaryGroupId: 512,
      memberDnNorm: normalizeDn(accountDn('ivan')),
      runId: 'run-8',
      seenAt: daysAgo(1),
    };
    const findings = findingsOf(sut, snap, aPolicy(), ASOF, { membershipAdditions: [primary] });
    expect(summary(findings)).toEqual(['ivan - critical']);
    expect(findings[0].evidence).toMatchObject({ via: 'primaryGroupID' });
    expect(findings[0].explain[0]).toBe('ivan ∈ Domain Admins (primary group)');
  });

  it('flags new access to a critical resource, and not to a resource of lower criticality', () => {
    const vault = aResource('share-payroll', { criticality: 'critical', grants: { write: ['DL_Payroll_RW'] } });
    const wiki = aResource('share-wiki', { criticality: 'medium', grants: { read: ['DL_Wiki_R'] } });
    const snap = aSnapshot(
      [anAccount('judy')],
      [aGroup('DL_Payroll_RW'), aGroup('DL_Wiki_R')],
      [
        ['judy', 'DL_Payroll_RW'],
        ['judy', 'DL_Wiki_R'],
      ],
    );
    const findings = findingsOf(sut, snap, aPolicy({ resources: [vault, wiki] }), ASOF, {
      membershipAdditions: [added('judy', 'DL_Payroll_RW'), added('judy', 'DL_Wiki_R')],
    });
    expect(summary(findings)).toEqual(['judy share-payroll critical']);
    expect(findings[0].message).toBe('New write access to critical resource share-payroll (through DL_Payroll_RW), with no approved access request');
  });

  it('counts the groups the policy declares privileged (OpenLDAP has none built in)', () => {
    const snap = aSnapshot([anAccount('ken')], [aGroup('ldap-admins')], [['ken', 'ldap-admins']]);
    const policy = aPolicy({ settings: { privilegedGroups: ['ldap-admins'] } });
    expect(summary(findingsOf(sut, snap, policy, ASOF, { membershipAdditions: [added('ken', 'ldap-admins')] }))).toEqual(['ken - critical']);
  });

  describe('with approved access requests', () => {
    const snap = () =>
      aSnapshot(
        [anAccount('nina'), anAccount('oscar')],
        [domainAdmins(), aGroup('GG_Tier0')],
        [
          ['GG_Tier0', 'Domain Admins'],
          ['nina', 'GG_Tier0'],
          ['oscar', 'GG_Tier0'],
        ],
      );
    /** nina's membership of GG_Tier0, approved three days before the audit (DNs as the directory spells them). */
    const approval = (more: Partial<ApprovedMembership> = {}): ApprovedMembership => ({
      requestId: '0b7c4f6e-1d2a-4c3b-9e8f-000000000001',
      directory: 'corp',
      groupDn: groupDn('GG_Tier0').toUpperCase(),
      memberDn: accountDn('nina').replace(/,/g, ', '),
      approvedAt: daysAgo(3),
      endsAt: null,
      ...more,
    });
    const audit = (approvedMemberships: ApprovedMembership[] | null, additions = [added('nina', 'GG_Tier0')]) =>
      summary(findingsOf(sut, snap(), aPolicy(), ASOF, { membershipAdditions: additions, approvedMemberships }));

    it('is silent on a privileged membership an approved, unexpired request stands behind', () => {
      expect(audit([approval()])).toEqual([]);
      expect(audit([approval({ endsAt: daysAgo(-10) })])).toEqual([]);
    });

    it('is loud on the same change made by hand (no request, or a request for someone else)', () => {
      expect(audit(null)).toEqual(['nina - critical']);
      expect(audit([approval({ memberDn: accountDn('oscar') })])).toEqual(['nina - critical']);
      expect(audit([approval({ directory: 'other' })])).toEqual(['nina - critical']);
      // The approved one is silent, the one added by hand beside it is not.
      expect(audit([approval()], [added('nina', 'GG_Tier0'), added('oscar', 'GG_Tier0')])).toEqual(['oscar - critical']);
    });

    it('is loud when the membership was seen after the grant ended (put back by hand)', () => {
      expect(audit([approval({ approvedAt: daysAgo(40), endsAt: daysAgo(10) })])).toEqual(['nina - critical']);
    });

    it('is loud on a membership added by hand before the request that covers it was approved', () => {
      expect(audit([approval({ approvedAt: daysAgo(1) })])).toEqual(['nina - critical']);
    });
  });
});
