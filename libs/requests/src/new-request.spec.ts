import type { ResourceDef } from '#vigie/policy';
import type { PersonRef } from './access-request.model.js';
import { requestableItems } from './catalogue.js';
import { newAccessRequest, type NewRequestFacts } from './new-request.js';
import { DEFAULT_REQUEST_SETTINGS } from './request-settings.js';

const person = (login: string): PersonRef => {
  const dn = `uid=${login},ou=people,dc=acme,dc=test`;
  return { key: `corp:${dn}`, directory: 'corp', dn, login, name: login, mail: null, employeeId: null };
};
const finance = {
  id: 'share-finance',
  type: 'share',
  name: '\\\\fs01\\Finance',
  owner: 'E1002',
  criticality: 'critical',
  grants: { write: ['DL_Missing', 'DL_Finance_RW'] },
  source: { file: 'resources/shares.yaml', line: 8, index: 0 },
} as unknown as ResourceDef;
const [item] = requestableItems([finance], DEFAULT_REQUEST_SETTINGS, () => false);
const now = new Date('2026-12-07T10:00:00Z');

const facts = (over: Partial<NewRequestFacts> = {}): NewRequestFacts => ({
  id: '0b7c4f6e-1d2a-4c3b-9e8f-000000000001',
  now,
  requester: person('erin'),
  beneficiary: person('erin'),
  beneficiaryManager: person('mark').key,
  item,
  resourceOwners: [person('olga').key],
  groupDnOf: (group) => (group === 'DL_Finance_RW' ? 'cn=DL_Finance_RW,ou=groups,dc=acme,dc=test' : null),
  justification: 'quarter-end closing with the auditors',
  settings: DEFAULT_REQUEST_SETTINGS,
  policyVersion: 'sha256:abc',
  policyWarning: null,
  ...over,
});

describe(newAccessRequest.name, () => {
  it('opens the first stage now and sets the REQUEST to expire after decisionDays, the grant not started', () => {
    const request = newAccessRequest(facts());
    expect(request).toMatchObject({ status: 'pending', currentStage: 0, createdAt: now, decideBy: new Date('2026-12-21T10:00:00Z'), grant: null, version: 1 });
    expect(request.stages.map((s) => [s.kind, s.approvers, s.openedAt])).toEqual([
      ['manager', [person('mark').key], now],
      ['owner', [person('olga').key], null],
      ['security-officer', [], null],
    ]);
  });

  it("grants the first of the level's groups the beneficiary's directory has", () => {
    expect(newAccessRequest(facts()).target).toEqual({ directory: 'corp', groupDn: 'cn=DL_Finance_RW,ou=groups,dc=acme,dc=test', memberDn: person('erin').dn });
  });

  it('refuses, naming the groups, when the directory has none of them', () => {
    expect(() => newAccessRequest(facts({ groupDnOf: () => null }))).toThrow(/none of its groups \(DL_Missing, DL_Finance_RW\) is there/);
  });

  it("asks for the policy's default length when none is given, and refuses longer than the criticality allows", () => {
    expect(newAccessRequest(facts()).durationDays).toBe(30);
    expect(newAccessRequest(facts({ days: 90 })).durationDays).toBe(90);
    expect(() => newAccessRequest(facts({ days: 91 }))).toThrow(
      '91 days is longer than the policy allows for \\\\fs01\\Finance (critical): ask for at most 90 days',
    );
  });

  it('refuses permanent access where the policy does not allow it, saying where it does', () => {
    expect(() => newAccessRequest(facts({ permanent: true }))).toThrow(/only to low and medium resources; ask for a number of days, at most 90/);
  });

  it('ends an exception with the security officer, the warning kept for every approver', () => {
    const low = requestableItems([{ ...finance, criticality: 'low' } as ResourceDef], DEFAULT_REQUEST_SETTINGS, () => false)[0];
    const request = newAccessRequest(facts({ item: low, permanent: true, policyWarning: 'no access rule allows write on it' }));
    expect(request.durationDays).toBeNull();
    expect(request.stages.map((s) => s.kind)).toEqual(['manager', 'security-officer']);
    expect(request.policyWarning).toBe('no access rule allows write on it');
  });
});
