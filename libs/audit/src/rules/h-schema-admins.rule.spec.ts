import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { SchemaAdminsRule } from './h-schema-admins.rule.js';

describe(SchemaAdminsRule.name, () => {
  const sut = new SchemaAdminsRule();

  it('flags each effective member of Schema Admins, nested ones with their path', () => {
    const snap = aSnapshot(
      [anAccount('direct'), anAccount('nested')],
      [aGroup('Administrateurs du schéma', { objectSid: sidOf(518) }), aGroup('GG_Tier0')],
      [
        ['direct', 'Administrateurs du schéma'],
        ['GG_Tier0', 'Administrateurs du schéma'],
        ['nested', 'GG_Tier0'],
      ],
    );
    const findings = findingsOf(sut, snap);
    expect(summary(findings)).toEqual(['direct - medium', 'nested - medium']);
    expect(findings.find((f) => f.subject.login === 'nested')!.explain).toEqual([
      'nested ∈ GG_Tier0 (direct)',
      'GG_Tier0 ∈ Administrateurs du schéma (nested)',
      'Administrateurs du schéma (RID 518) should stay empty outside a schema change',
    ]);
  });

  it('says nothing when Schema Admins is empty', () => {
    expect(findingsOf(sut, aSnapshot([anAccount('someone')], [aGroup('Schema Admins', { objectSid: sidOf(518) })]))).toEqual([]);
  });
});
