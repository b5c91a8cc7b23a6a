import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { EffectiveAccessCalculator } from './effective-access.calculator.js';
import { explainEntitlement } from './effective-access.model.js';

const DOMAIN = 'S-1-5-21-1-2-3';

describe(EffectiveAccessCalculator.name, () => {
  it('follows nesting of any depth, through a cycle, with the shortest path', () => {
    const snap = aSnapshot(
      [anAccount('alice')],
      [aGroup('GG_A'), aGroup('GG_B'), aGroup('DL_Share_RW')],
      [
        ['alice', 'GG_A'],
        ['GG_A', 'GG_B'],
        ['GG_B', 'GG_A'],
        ['GG_B', 'DL_Share_RW'],
      ],
    );
    const sut = new EffectiveAccessCalculator(snap, [{ id: 'share-x', grants: { write: ['dl_share_rw'] } }]);
    const [e] = sut.entitlementsOf(snap.accounts[0]);
    expect(explainEntitlement(e)).toEqual([
      'alice ∈ GG_A (direct)',
      'GG_A ∈ GG_B (nested)',
      'GG_B ∈ DL_Share_RW (nested)',
      'DL_Share_RW grants write on share-x',
    ]);
  });

  it('gives every member of a cycle what any group of the cycle reaches, and terminates', () => {
    // A ring of five groups, entered at different points, each ring group granting something.
    const ring = ['R1', 'R2', 'R3', 'R4', 'R5'];
    const snap = aSnapshot(
      [anAccount('u1'), anAccount('u3'), anAccount('outside')],
      [...ring.map((g) => aGroup(g)), aGroup('Other')],
      [...ring.map((g, i) => [g, ring[(i + 1) % ring.length]] as [string, string]), ['u1', 'R1'], ['u3', 'R3'], ['outside', 'Other']],
    );
    const sut = new EffectiveAccessCalculator(
      snap,
      ring.map((g) => ({ id: `res-${g.toLowerCase()}`, grants: { read: [g] } })),
    );
    const reached = (login: string) =>
      sut
        .entitlementsOf(snap.accounts.find((a) => a.login === login)!)
        .map((e) => e.resourceId)
        .sort();
    expect(reached('u1')).toEqual(['res-r1', 'res-r2', 'res-r3', 'res-r4', 'res-r5']);
    expect(reached('u3')).toEqual(['res-r1', 'res-r2', 'res-r3', 'res-r4', 'res-r5']);
    expect(reached('outside')).toEqual([]);
    // The path from u3 to R2 goes the short way round the ring: R3, R4, R5, R1, R2.
    expect(sut.explain(snap.accounts[1], 'res-r2')[0].path.map((s) => s.group)).toEqual(['R3', 'R4', 'R5', 'R1', 'R2']);
  });

  it('follows nesting thousands of groups deep without recursion limits', () => {
    const depth = 5000;
    const names = Array.from({ length: depth }, (_, i) => `G${i}`);
    const snap = aSnapshot(
      [anAccount('deep')],
      names.map((n) => aGroup(n)),
      [['deep', 'G0'], ...names.slice(1).map((n, i) => [names[i], n] as [string, string])],
    );
    const sut = new EffectiveAccessCalculator(snap, [{ id: 'top', grants: { admin: [`G${depth - 1}`] } }]);
    const [e] = sut.entitlementsOf(snap.accounts[0]);
    expect(e).toMatchObject({ resourceId: 'top', level: 'admin', groupName: `G${depth - 1}` });
    expect(e.path).toHaveLength(depth);
    expect(e.path[0]).toEqual({ member: 'deep', group: 'G0', how: 'direct' });
    expect(e.path[depth - 1]).toEqual({ member: `G${depth - 2}`, group: `G${depth - 1}`, how: 'nested' });
  });

  it('counts the AD primary group, which is not in member', () => {
    const snap = aSnapshot(
      [anAccount('bob', { objectSid: `${DOMAIN}-1105`, primaryGroupId: 513 }), anAccount('svc', { objectSid: `${DOMAIN}-1106`, primaryGroupId: 1200 })],
      [
        aGroup('Domain Users', { objectSid: `${DOMAIN}-513` }),
        aGroup('GG_Hidden', { objectSid: `${DOMAIN}-1200` }),
        aGroup('DL_Printers'),
        aGroup('DL_Secret'),
      ],
      [
        ['Domain Users', 'DL_Printers'],
        ['GG_Hidden', 'DL_Secret'],
      ],
    );
    const sut = new EffectiveAccessCalculator(snap, [
      { id: 'printer-1', grants: { read: ['DL_Printers'] } },
      { id: 'secret', grants: { write: ['DL_Secret'] } },
    ]);
    expect(sut.entitlementsOf(snap.accounts[0]).map(explainEntitlement)).toEqual([
      ['bob ∈ Domain Users (primary group)', 'Domain Users ∈ DL_Printers (nested)', 'DL_Printers grants read on printer-1'],
    ]);
    // A primaryGroupID that is not Domain Users hides a membership from `member`: it still counts.
    expect(sut.entitlementsOf(snap.accounts[1]).map(explainEntitlement)).toEqual([
      ['svc ∈ GG_Hidden (primary group)', 'GG_Hidden ∈ DL_Secret (nested)', 'DL_Secret grants write on secret'],
    ]);
    expect(sut.memberships.primaryGroupOf(snap.accounts[1])?.name).toBe('GG_Hidden');
  });

  it('puts every account in Everyone and Authenticated Users, whether or not a directory object stands for them', () => {
    const fsp = 'CN=S-1-5-11,CN=ForeignSecurityPrincipals,DC=acme,DC=test';
    const snap = aSnapshot([anAccount('carl'), anAccount('dora', { kind: 'computer', login: 'PC1$' })], [aGroup('DL_Public_R'), aGroup('DL_Nobody')], []);
    snap.memberships.push({ groupDnNorm: snap.groups[0].dnNorm, memberDnNorm: fsp.toLowerCase() });
    const sut = new EffectiveAccessCalculator(snap, [
      { id: 'public', grants: { read: ['DL_Public_R'] } },
      { id: 'intranet', grants: { read: ['Everyone'] } },
      { id: 'nobody', grants: { read: ['DL_Nobody'] } },
    ]);
    expect(sut.entitlementsOf(snap.accounts[0]).map(explainEntitlement)).toEqual([
      ['carl ∈ Authenticated Users (implicit)', 'Authenticated Users ∈ DL_Public_R (nested)', 'DL_Public_R grants read on public'],
      ['carl ∈ Everyone (implicit)', 'Everyone grants read on intranet'],
    ]);
    expect(sut.holdersOf('public').map((h) => h.account.login)).toEqual(['carl', 'PC1$']);
    expect(sut.holderCount('nobody')).toBe(0);
    expect(sut.unresolvedGroupRefs).toEqual([]);
  });

  it("treats the policy's everyone groups (OpenLDAP has none built in) as implicit", () => {
    const snap = aSnapshot([anAccount('eve'), anAccount('finn')], [aGroup('all-staff'), aGroup('intranet-readers')], [['all-staff', 'intranet-readers']]);
    const sut = new EffectiveAccessCalculator(snap, [{ id: 'intranet', grants: { read: ['intranet-readers'] } }], { everyoneGroups: ['all-staff', 'ghost'] });
    expect(sut.holdersOf('intranet').map((h) => [h.account.login, explainEntitlement(h.entitlements[0])])).toEqual([
      ['eve', ['eve ∈ all-staff (implicit)', 'all-staff ∈ intranet-readers (nested)', 'intranet-readers grants read on intranet']],
      ['finn', ['finn ∈ all-staff (implicit)', 'all-staff ∈ intranet-readers (nested)', 'intranet-readers grants read on intranet']],
    ]);
    expect(sut.memberships.unresolvedEveryoneRefs).toEqual(['ghost']);
  });

  it('finds the grants open to everyone-like principals, with the chain from the nearest one', () => {
    const snap = aSnapshot(
      [anAccount('gus', { objectSid: `${DOMAIN}-1300`, primaryGroupId: 513 })],
      [aGroup('Domain Users', { objectSid: `${DOMAIN}-513` }), aGroup('GG_All'), aGroup('DL_Commun_RW'), aGroup('DL_Finance_RW')],
      [
        ['Domain Users', 'GG_All'],
        ['GG_All', 'DL_Commun_RW'],
      ],
    );
    const sut = new EffectiveAccessCalculator(snap, [
      { id: 'share-commun', grants: { write: ['DL_Commun_RW'] } },
      { id: 'share-finance', grants: { write: ['DL_Finance_RW'] } },
    ]);
    const [open] = sut.openGrantsOf('share-commun');
    expect(open.principal.name).toBe('Domain Users');
    expect(open.path.map((s) => `${s.member} ∈ ${s.group} (${s.how})`)).toEqual(['Domain Users ∈ GG_All (nested)', 'GG_All ∈ DL_Commun_RW (nested)']);
    expect(sut.openGrantsOf('share-finance')).toEqual([]);
  });

  it('resolves group references by name, DN or SID, and lists those it cannot resolve', () => {
    const snap = aSnapshot([anAccount('carol')], [aGroup('GG_C', { objectSid: `${DOMAIN}-2000` })], [['carol', 'GG_C']]);
    const sut = new EffectiveAccessCalculator(snap, [
      { id: 'r1', grants: { read: ['cn=gg_c, ou=groups, dc=ACME, dc=test'], write: ['GG_Missing'] } },
      { id: 'r2', grants: { admin: [`${DOMAIN}-2000`] } },
    ]);
    expect(sut.entitlementsOf(snap.accounts[0]).map((e) => `${e.resourceId}:${e.level}`)).toEqual(['r1:read', 'r2:admin']);
    expect(sut.unresolvedGroupRefs).toEqual(['GG_Missing']);
  });

  it('answers membership of watched groups that grant nothing', () => {
    const snap = aSnapshot(
      [anAccount('hal'), anAccount('ivy')],
      [aGroup('GG_X'), aGroup('Domain Admins')],
      [
        ['hal', 'GG_X'],
        ['GG_X', 'Domain Admins'],
      ],
    );
    const sut = new EffectiveAccessCalculator(snap, [], { watchedGroups: ['Domain Admins'] });
    const da = snap.groups[1].dnNorm;
    expect(sut.memberships.reaches(snap.accounts[0], da)).toBe(true);
    expect(sut.memberships.reaches(snap.accounts[1], da)).toBe(false);
    expect(sut.memberships.pathTo(snap.accounts[0], da)).toEqual([
      { member: 'hal', group: 'GG_X', how: 'direct' },
      { member: 'GG_X', group: 'Domain Admins', how: 'nested' },
    ]);
  });

  it('grants nothing to an account in no granting group', () => {
    const snap = aSnapshot([anAccount('dave')], [aGroup('GG_D')], []);
    expect(new EffectiveAccessCalculator(snap, [{ id: 'r', grants: { read: ['GG_D'] } }]).entitlementsOf(snap.accounts[0])).toEqual([]);
  });

  it('agrees with a plain breadth-first search on a random graph with cycles', () => {
    // Property check: the reach sets of the component walk equal what a naive search finds, account by account.
    let seed = 42;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const groups = Array.from({ length: 60 }, (_, i) => aGroup(`G${i}`));
    const accounts = Array.from({ length: 40 }, (_, i) => anAccount(`u${i}`));
    const links: Array<[string, string]> = [];
    for (let i = 0; i < 120; i++) links.push([`G${rand(60)}`, `G${rand(60)}`]);
    for (let i = 0; i < 100; i++) links.push([`u${rand(40)}`, `G${rand(60)}`]);
    const snap = aSnapshot(
      accounts,
      groups,
      links.filter(([m, g]) => m !== g),
    );
    const resources = groups.filter((_, i) => i % 3 === 0).map((g) => ({ id: g.name.toLowerCase(), grants: { read: [g.name] } }));
    const sut = new EffectiveAccessCalculator(snap, resources);
    for (const account of accounts) {
      const naive = new Set<string>();
      const queue = snap.memberships.filter((m) => m.memberDnNorm === account.dnNorm).map((m) => m.groupDnNorm);
      while (queue.length) {
        const g = queue.shift()!;
        if (naive.has(g)) continue;
        naive.add(g);
        queue.push(...snap.memberships.filter((m) => m.memberDnNorm === g).map((m) => m.groupDnNorm));
      }
      const expected = resources
        .filter((r) => naive.has(groups.find((g) => g.name === r.grants.read[0])!.dnNorm))
        .map((r) => r.id)
        .sort();
      const got = sut.entitlementsOf(account);
      expect(got.map((e) => e.resourceId).sort()).toEqual(expected);
      for (const e of got) expect(e.path[e.path.length - 1].group).toBe(e.groupName);
    }
  });
});
