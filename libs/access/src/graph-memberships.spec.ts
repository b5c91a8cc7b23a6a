import type { MembershipAddition } from '#vigie/identity';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { EffectiveAccessCalculator } from './effective-access.calculator.js';
import { membershipsOf } from './graph-memberships.js';

const DOMAIN = 'S-1-5-21-1-2-3';

/** alice ∈ GG_Ops ∈ Domain Admins; bob's primary group is GG_Ops; carl ∈ GG_Sales; GG_Ops ∈ GG_Sales too. */
function company() {
  return aSnapshot(
    [
      anAccount('alice', { objectSid: `${DOMAIN}-1100`, primaryGroupId: 513 }),
      anAccount('bob', { objectSid: `${DOMAIN}-1101`, primaryGroupId: 1200 }),
      anAccount('carl', { objectSid: `${DOMAIN}-1102`, primaryGroupId: 513 }),
    ],
    [
      aGroup('Domain Users', { objectSid: `${DOMAIN}-513` }),
      aGroup('Domain Admins', { objectSid: `${DOMAIN}-512` }),
      aGroup('GG_Ops', { objectSid: `${DOMAIN}-1200` }),
      aGroup('GG_Sales'),
    ],
    [
      ['alice', 'GG_Ops'],
      ['GG_Ops', 'Domain Admins'],
      ['carl', 'GG_Sales'],
      ['GG_Ops', 'GG_Sales'],
    ],
  );
}

function addition(over: Partial<MembershipAddition>): MembershipAddition {
  return {
    directory: 'corp',
    via: 'member',
    groupDnNorm: null,
    primaryGroupId: null,
    memberDnNorm: '',
    runId: 'run-1',
    seenAt: new Date('2026-12-01T00:00:00Z'),
    ...over,
  };
}

describe('Memberships', () => {
  const snap = company();
  const [alice, bob, carl] = snap.accounts;
  const [, domainAdmins, ops, sales] = snap.groups;
  const sut = membershipsOf(snap);
  const principal = (key: string) => sut.principalByKey(key)!;

  it('answers with the same principal object each time, by normalized DN or SID', () => {
    expect(principal(ops.dnNorm)).toBe(principal(ops.dnNorm));
    expect(principal(ops.dnNorm)).toMatchObject({ kind: 'group', name: 'GG_Ops', group: ops });
    expect(principal(alice.dnNorm)).toMatchObject({ kind: 'account', name: 'alice', account: alice });
    expect(principal('S-1-1-0')).toMatchObject({ kind: 'well-known', name: 'Everyone', dn: null });
    expect(sut.principalByKey('cn=nobody,dc=acme,dc=test')).toBeUndefined();
  });

  it('tells direct members, direct groups, primary group and every group reached with how', () => {
    expect(sut.membersOf(principal(ops.dnNorm)).map((p) => p.name)).toEqual(['alice']);
    expect(
      sut
        .membersOf(principal(sales.dnNorm))
        .map((p) => p.name)
        .sort(),
    ).toEqual(['GG_Ops', 'carl']);
    expect(sut.directGroupsOf(alice).map((g) => g.name)).toEqual(['GG_Ops']);
    expect(sut.directGroupsOf(bob)).toEqual([]);
    expect(sut.primaryGroupOf(bob)).toBe(ops);
    const how = (login: typeof alice) => Object.fromEntries(sut.groupsOf(login).map((r) => [r.principal.name, r.path[r.path.length - 1].how]));
    expect(how(bob)).toEqual({
      GG_Ops: 'primary group',
      'Domain Admins': 'nested',
      GG_Sales: 'nested',
      Everyone: 'implicit',
      'Authenticated Users': 'implicit',
    });
  });

  it('gives the path from an account or a group to a group, or null when there is none', () => {
    expect(sut.pathTo(bob, domainAdmins.dnNorm)).toEqual([
      { member: 'bob', group: 'GG_Ops', how: 'primary group' },
      { member: 'GG_Ops', group: 'Domain Admins', how: 'nested' },
    ]);
    expect(sut.pathTo(carl, domainAdmins.dnNorm)).toBeNull();
    expect(sut.pathBetween(principal(ops.dnNorm), principal(sales.dnNorm))).toEqual([{ member: 'GG_Ops', group: 'GG_Sales', how: 'nested' }]);
    expect(sut.pathBetween(principal(sales.dnNorm), principal(ops.dnNorm))).toBeNull();
  });

  it('refuses a principal of another snapshot instead of answering for whatever sits at its place', () => {
    const other = membershipsOf(company()).principalByKey(ops.dnNorm)!;
    expect(() => sut.membersOf(other)).toThrow(/GG_Ops is no principal of the snapshot of corp/);
  });

  it('resolves policy references to principals and groups', () => {
    expect(sut.resolveGroup('gg_ops')).toEqual([ops]);
    expect(sut.resolve(`${DOMAIN}-512`)).toEqual([principal(domainAdmins.dnNorm)]);
    expect(sut.resolveReference('alice')).toMatchObject({ status: 'unknown', unknown: 'not-found' });
    expect(sut.resolveReference('Domain Users')).toMatchObject({ status: 'everyone-like' });
  });

  it('tells which of a list of groups an account is in, the same through the reach index and without it', () => {
    const calculator = new EffectiveAccessCalculator(snap, [], { watchedGroups: ['Domain Admins'] });
    for (const memberships of [sut, calculator.memberships]) {
      const privileged = memberships.reachedAmong([domainAdmins, sales]);
      expect([alice, bob, carl].map((a) => privileged(a).map((g) => g.name))).toEqual([
        ['Domain Admins', 'GG_Sales'],
        ['Domain Admins', 'GG_Sales'],
        ['GG_Sales'],
      ]);
      expect(privileged(alice)).toBe(privileged(alice));
      expect(memberships.reaches(bob, domainAdmins.dnNorm)).toBe(true);
      expect(memberships.reaches(carl, domainAdmins.dnNorm)).toBe(false);
    }
  });

  it('keeps the recorded additions that still stand, and finds the accounts they bring into a group for the first time', () => {
    const additions = [
      addition({ memberDnNorm: ops.dnNorm, groupDnNorm: domainAdmins.dnNorm }),
      addition({ memberDnNorm: bob.dnNorm, via: 'primary-group', primaryGroupId: 1200 }),
      // Gone since: carl is not in GG_Ops any more; and a primary group bob no longer has.
      addition({ memberDnNorm: carl.dnNorm, groupDnNorm: ops.dnNorm }),
      addition({ memberDnNorm: bob.dnNorm, via: 'primary-group', primaryGroupId: 513 }),
    ];
    const links = sut.standingLinks(additions);
    expect(links.map((l) => `${l.member.name} ${l.primary ? 'primary' : 'in'} ${l.group.name}`)).toEqual(['GG_Ops in Domain Admins', 'bob primary GG_Ops']);

    const targets = [
      { group: principal(domainAdmins.dnNorm), label: 'admins' },
      { group: principal(sales.dnNorm), label: 'sales' },
    ];
    const reached = sut.newlyReached(links, targets).map((r) => `${r.link.member.name} → ${r.target.label}: ${r.accounts.map((a) => a.name).join(', ')}`);
    // carl was in GG_Sales before; alice and bob reached GG_Sales through GG_Ops before GG_Ops joined Domain Admins, but
    // bob's primary group is new too: without it he reached nothing.
    expect(reached).toEqual(['GG_Ops → admins: alice, bob', 'bob → admins: bob', 'bob → sales: bob']);
  });
});
