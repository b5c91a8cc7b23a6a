import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, aRecord, aResource, findingsOf } from '../testing/audit-harness.js';
import { SpecialCategoryRule } from './r-special-category.rule.js';

describe(SpecialCategoryRule.name, () => {
  const sut = new SpecialCategoryRule();
  const snap = aSnapshot(
    [anAccount('infirmiere'), anAccount('stagiaire'), anAccount('parti', { enabled: false })],
    [aGroup('GG_Sante'), aGroup('GG_Projets'), aGroup('DL_Medical_RW')],
    [
      ['GG_Sante', 'DL_Medical_RW'],
      ['GG_Projets', 'DL_Medical_RW'],
      ['infirmiere', 'GG_Sante'],
      ['stagiaire', 'GG_Projets'],
      ['parti', 'GG_Projets'],
    ],
  );
  const medical = aResource('share-medical', { personalData: { categories: ['health'], record: 'RT-3' }, grants: { write: ['DL_Medical_RW'] } });

  it('flags health data reachable by enabled accounts outside the record recipients, once per resource and directory', () => {
    const [f, ...rest] = findingsOf(sut, snap, aPolicy({ resources: [medical], records: [aRecord('RT-3', ['GG_Sante'])] }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      severity: 'high',
      subject: { type: 'directory', directory: 'corp' },
      resource: { id: 'share-medical' },
      evidence: { count: 1, accounts: ['stagiaire'], categories: ['health'] },
    });
    expect(f.explain).toEqual(['stagiaire ∈ GG_Projets (direct)', 'GG_Projets ∈ DL_Medical_RW (nested)', 'DL_Medical_RW grants write on share-medical']);
  });

  it('accepts access by recipients only, and ignores data that is not of a special category', () => {
    expect(findingsOf(sut, snap, aPolicy({ resources: [medical], records: [aRecord('RT-3', ['GG_Sante', 'GG_Projets'])] }))).toEqual([]);
    const payroll = aResource('share-paie', { personalData: { categories: ['financial'], record: 'RT-3' }, grants: { write: ['DL_Medical_RW'] } });
    expect(findingsOf(sut, snap, aPolicy({ resources: [payroll], records: [aRecord('RT-3', ['GG_Sante'])] }))).toEqual([]);
  });
});
