import { addOutcome, removeOutcome } from './membership-outcome.js';

describe('addOutcome', () => {
  it.each([
    [0, 'added'],
    [20, 'already'], // OpenLDAP and Windows AD: typeOrValueExists
    [68, 'already'], // Samba: entryAlreadyExists
    [16, null],
    [32, null],
    [50, null],
    [53, null],
  ])('reads result %i as %s', (code, outcome) => {
    expect(addOutcome(code)).toBe(outcome);
  });
});

describe('removeOutcome', () => {
  it.each([
    [0, 'ldap', 'removed'],
    [0, 'ad', 'removed'],
    [16, 'ldap', 'absent'],
    [16, 'ad', 'absent'],
    [53, 'ad', 'read-back'], // AD's answer for a missing value, and for other refusals
    [53, 'ldap', null],
    [20, 'ldap', null],
    [32, 'ad', null],
    [50, 'ad', null],
  ] as const)('reads result %i from %s as %s', (code, kind, outcome) => {
    expect(removeOutcome(code, kind)).toBe(outcome);
  });
});
