import { HrRoster, type HrRecord } from '#vigie/hr';
import { anHrRecord } from '#vigie/hr/testing';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { identityOf } from './audit-context.js';
import { ExcessVsRoleRule } from './rules/g-excess-vs-role.rule.js';
import { aPolicy, aResource, findingsOf } from './testing/audit-harness.js';

const hrRecord = (over: Partial<HrRecord>): HrRecord => anHrRecord(over);

describe('identity attributes from the HR record where the directory has none', () => {
  it('fills department, title, type and employee id from HR, and keeps what the directory holds', () => {
    const person = hrRecord({ employeeId: 'E7', department: 'Finance', title: 'Comptable', employeeType: 'permanent' });
    expect(identityOf(anAccount('anne', { department: null, title: '' }), person)).toMatchObject({
      employeeId: 'E7',
      department: 'Finance',
      title: 'Comptable',
      employeeType: 'permanent',
    });
    expect(identityOf(anAccount('anne', { department: 'FIN', title: 'Chef comptable', employeeId: 'X1' }), person)).toMatchObject({
      employeeId: 'X1',
      department: 'FIN',
      title: 'Chef comptable',
    });
  });

  it('lets an access rule on the department allow an account whose directory entry has none, once HR (matched by mail) gives it', () => {
    const policy = aPolicy({
      resources: [aResource('share-finance', { grants: { write: ['DL_Finance_RW'] } })],
      rules: [{ can: ['write'], on: 'share', when: { department: 'Finance' }, where: { id: 'share-finance' } }],
    });
    const snap = aSnapshot([anAccount('anne', { mail: 'anne@acme.fr', department: null })], [aGroup('DL_Finance_RW')], [['anne', 'DL_Finance_RW']]);
    const sut = new ExcessVsRoleRule();
    expect(findingsOf(sut, snap, policy).map((f) => f.evidence)).toEqual([{ levels: ['write'], department: null, title: null, employeeType: null }]);
    const hr = new HrRoster([hrRecord({ mail: 'ANNE@acme.fr', department: 'Finance' })]);
    expect(findingsOf(sut, snap, policy, undefined, { hr })).toEqual([]);
  });
});
