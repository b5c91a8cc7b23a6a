import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { findingsOf, summary } from '../testing/audit-harness.js';
import { OperatorsRule } from './h-operators.rule.js';

describe(OperatorsRule.name, () => {
  const sut = new OperatorsRule();

  it('flags members of the operators groups once per account, naming every group', () => {
    const snap = aSnapshot(
      [anAccount('backup'), anAccount('both')],
      [aGroup('Backup Operators', { objectSid: 'S-1-5-32-551' }), aGroup('Print Operators', { objectSid: 'S-1-5-32-550' })],
      [
        ['backup', 'Backup Operators'],
        ['both', 'Backup Operators'],
        ['both', 'Print Operators'],
      ],
    );
    const findings = findingsOf(sut, snap);
    expect(summary(findings)).toEqual(['backup - medium', 'both - medium']);
    expect(findings.find((f) => f.subject.login === 'both')!.evidence.groups).toEqual(['Backup Operators', 'Print Operators']);
  });

  it('says nothing when the operators groups are empty', () => {
    expect(findingsOf(sut, aSnapshot([anAccount('x')], [aGroup('Account Operators', { objectSid: 'S-1-5-32-548' })]))).toEqual([]);
  });
});
