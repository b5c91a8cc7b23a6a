import { aGroup, aSnapshot, anAccount } from '#vigie/identity';
import { EffectiveAccessCalculator } from './effective-access.calculator.js';
import { explainEntitlement } from './effective-access.model.js';

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

  it('counts the AD primary group, which is not in member', () => {
    const domain = 'S-1-5-21-1-2-3';
    const snap = aSnapshot(
      [anAccount('bob', { objectSid: `${domain}-1105`, primaryGroupId: 513 })],
      [aGroup('Domain Users', { objectSid: `${domain}-513` }), aGroup('DL_Printers')],
      [['Domain Users', 'DL_Printers']],
    );
    const sut = new EffectiveAccessCalculator(snap, [{ id: 'printer-1', grants: { read: ['DL_Printers'] } }]);
    expect(sut.entitlementsOf(snap.accounts[0]).map(explainEntitlement)).toEqual([
      ['bob ∈ Domain Users (primary group)', 'Domain Users ∈ DL_Printers (nested)', 'DL_Printers grants read on printer-1'],
    ]);
  });

  it('resolves group references by name or DN, and lists those it cannot resolve', () => {
    const snap = aSnapshot([anAccount('carol')], [aGroup('GG_C')], [['carol', 'GG_C']]);
    const sut = new EffectiveAccessCalculator(snap, [
      { id: 'r1', grants: { read: ['cn=gg_c, ou=groups, dc=ACME, dc=test'], write: ['GG_Missing'] } },
    ]);
    expect(sut.entitlementsOf(snap.accounts[0]).map((e) => `${e.resourceId}:${e.level}`)).toEqual(['r1:read']);
    expect(sut.unresolvedGroupRefs).toEqual(['GG_Missing']);
  });

  it('grants nothing to an account in no granting group', () => {
    const snap = aSnapshot([anAccount('dave')], [aGroup('GG_D')], []);
    expect(new EffectiveAccessCalculator(snap, [{ id: 'r', grants: { read: ['GG_D'] } }]).entitlementsOf(snap.accounts[0])).toEqual([]);
  });
});
