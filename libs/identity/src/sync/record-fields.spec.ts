import { anAccount, aGroup } from '../testing/snapshot.factory.js';
import { ACCOUNT_FIELDS, GROUP_FIELDS, diffTracked, fingerprint, initialValues, membersFingerprint } from './record-fields.js';

describe('record fields', () => {
  it('keeps the fingerprints already stored: the same text hashed as the releases before', () => {
    // Computed by the implementation of session 3; a different value would make every stored row look changed.
    const a = {
      ...anAccount('jdoe'),
      kind: 'user' as const,
      login: 'jdoe',
      displayName: 'Jeanne Doé',
      mail: null,
      employeeId: 'E1',
      department: null,
      title: null,
      employeeType: null,
      location: null,
      managerDn: null,
      enabled: true,
      userAccountControl: 512,
      pwdLastSet: new Date(Date.UTC(2025, 0, 1)),
      whenCreated: null,
      accountExpires: null,
      description: null,
      objectSid: null,
      primaryGroupId: 513,
      adminCount: null,
      servicePrincipalNames: ['HTTP/a', 'HTTP/b'],
      sidHistory: [],
      supportedEncryptionTypes: null,
      operatingSystem: null,
      operatingSystemVersion: null,
      dnsHostName: null,
      lastLogon: null,
      whenChanged: new Date(Date.UTC(2026, 0, 2)),
      lapsPasswordExpires: null,
    };
    expect(fingerprint(a, ACCOUNT_FIELDS)).toBe('0-wUptnlEJ-UdvLjtD-mPg');
  });

  it('gives the same fingerprint to equal records and another one when any compared field differs', () => {
    const a = anAccount('alice', { pwdLastSet: new Date('2025-01-01T00:00:00Z'), servicePrincipalNames: ['HTTP/a'] });
    expect(fingerprint(a, ACCOUNT_FIELDS)).toBe(fingerprint({ ...a, pwdLastSet: new Date('2025-01-01T00:00:00Z') }, ACCOUNT_FIELDS));
    expect(fingerprint(a, ACCOUNT_FIELDS)).not.toBe(fingerprint({ ...a, lastLogon: new Date() }, ACCOUNT_FIELDS));
    expect(fingerprint(a, ACCOUNT_FIELDS)).not.toBe(fingerprint({ ...a, servicePrincipalNames: ['HTTP/b'] }, ACCOUNT_FIELDS));
    // null, '' and 0 are three different values.
    const values = [null, '', '0'].map((title) => fingerprint({ ...a, title }, ACCOUNT_FIELDS));
    expect(new Set(values).size).toBe(3);
  });

  it('lists the tracked fields that changed, with old and new values, and leaves volatile ones out', () => {
    const before = anAccount('bob', { userAccountControl: 512, pwdLastSet: new Date('2025-01-01T00:00:00Z'), lastLogon: new Date('2025-02-01T00:00:00Z') });
    const after = {
      ...before,
      userAccountControl: 66048,
      pwdLastSet: new Date('2025-03-01T00:00:00Z'),
      lastLogon: new Date('2025-03-02T00:00:00Z'),
      sidHistory: ['S-1-5-21-9-9-9-500'],
    };
    expect(diffTracked(before, after, ACCOUNT_FIELDS)).toEqual([
      { attribute: 'userAccountControl', old: 512, new: 66048 },
      { attribute: 'pwdLastSet', old: '2025-01-01T00:00:00.000Z', new: '2025-03-01T00:00:00.000Z' },
      { attribute: 'sidHistory', old: [], new: ['S-1-5-21-9-9-9-500'] },
    ]);
    expect(diffTracked(before, { ...before, lastLogon: new Date() }, ACCOUNT_FIELDS)).toEqual([]);
  });

  it('gives the initial values of a new record, leaving out empty ones', () => {
    const g = aGroup('Domain Admins', { objectSid: 'S-1-5-21-1-2-3-512', scope: 'global', security: true });
    expect(initialValues(g, GROUP_FIELDS)).toEqual([
      { attribute: 'name', old: null, new: 'Domain Admins' },
      { attribute: 'objectSid', old: null, new: 'S-1-5-21-1-2-3-512' },
      { attribute: 'scope', old: null, new: 'global' },
      { attribute: 'security', old: null, new: true },
    ]);
  });

  it('leaves fields added later out of the fingerprint while unset, and takes them in once set', () => {
    const a = anAccount('carol', { userAccountControl: null });
    const { passwordPolicyDn, pwdStartTime, pwdEndTime, lockedOutAt, badPasswordCount, lastBadPassword, ...stored } = a;
    expect([passwordPolicyDn, pwdStartTime, pwdEndTime, lockedOutAt, badPasswordCount, lastBadPassword]).toEqual([null, null, null, null, null, null]);
    // A row stored before these fields existed has the fingerprint of the record without them.
    expect(fingerprint(a, ACCOUNT_FIELDS)).toBe(fingerprint(stored as typeof a, ACCOUNT_FIELDS));
    const withPolicy = fingerprint({ ...a, passwordPolicyDn: 'cn=default,ou=policies,dc=acme,dc=test' }, ACCOUNT_FIELDS);
    const withFailure = fingerprint({ ...a, lastBadPassword: new Date('2026-12-07T06:00:00Z') }, ACCOUNT_FIELDS);
    expect(new Set([fingerprint(a, ACCOUNT_FIELDS), withPolicy, withFailure]).size).toBe(3);
  });

  it('records a lockout and a new password policy as changes, but not failed passwords', () => {
    const before = anAccount('dave', { userAccountControl: null });
    const after = {
      ...before,
      lockedOutAt: new Date('2026-12-07T06:07:28Z'),
      passwordPolicyDn: 'cn=noexpire,ou=policies,dc=acme,dc=test',
      badPasswordCount: 3,
      lastBadPassword: new Date('2026-12-07T06:07:28Z'),
    };
    expect(diffTracked(before, after, ACCOUNT_FIELDS)).toEqual([
      { attribute: 'passwordPolicyDn', old: null, new: 'cn=noexpire,ou=policies,dc=acme,dc=test' },
      { attribute: 'lockedOutAt', old: null, new: '2026-12-07T06:07:28.000Z' },
    ]);
  });

  it('digests members whatever their order', () => {
    expect(membersFingerprint(['b', 'a'])).toBe(membersFingerprint(['a', 'b']));
    expect(membersFingerprint(['a'])).not.toBe(membersFingerprint(['a', 'b']));
  });
});
