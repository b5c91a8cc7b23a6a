import { mapDirectoryEntry } from './entry-mapper.js';

const DEFAULT_POLICY = 'cn=default,ou=policies,dc=acme,dc=test';

function account(attributes: Record<string, string[]>, defaultPasswordPolicyDn: string | null = DEFAULT_POLICY) {
  const m = mapDirectoryEntry(
    'ldap',
    { dn: 'uid=alice,ou=people,dc=acme,dc=test', attributes: { objectclass: ['inetOrgPerson'], uid: ['alice'], ...attributes } },
    undefined,
    {
      defaultPasswordPolicyDn,
    },
  );
  if (m.type !== 'account') throw new Error(`expected an account, got ${m.type}`);
  return m.account;
}

describe('mapDirectoryEntry: OpenLDAP password policy (ppolicy) and AD failed sign-ins', () => {
  it('maps a pwdPolicy entry as a password policy, even one written as a person, with pwdMaxAge (absent is 0, never)', () => {
    const asPerson = mapDirectoryEntry('ldap', {
      dn: 'cn=noexpire,ou=policies,dc=acme,dc=test',
      attributes: { objectclass: ['person', 'pwdPolicy'], cn: ['noexpire'], sn: ['policy'], pwdattribute: ['userPassword'] },
    });
    expect(asPerson).toMatchObject({ type: 'object', object: { kind: 'password-policy', name: 'noexpire', pwdMaxAge: 0 } });
    const device = mapDirectoryEntry('ldap', {
      dn: 'cn=default,ou=policies,dc=acme,dc=test',
      attributes: { objectclass: ['device', 'pwdPolicy'], cn: ['default'], pwdmaxage: ['7776000'] },
    });
    expect(device).toMatchObject({ type: 'object', object: { kind: 'password-policy', pwdMaxAge: 7776000 } });
  });

  it('gives an account its pwdPolicySubentry, else the default policy, and nothing without either', () => {
    expect(account({ pwdpolicysubentry: ['cn=noexpire,ou=policies,dc=acme,dc=test'] }).passwordPolicyDn).toBe('cn=noexpire,ou=policies,dc=acme,dc=test');
    expect(account({}).passwordPolicyDn).toBe(DEFAULT_POLICY);
    expect(account({}, null).passwordPolicyDn).toBeNull();
  });

  it('reads pwdStartTime and pwdEndTime', () => {
    const a = account({ pwdstarttime: ['20250101000000Z'], pwdendtime: ['20260101000000Z'] });
    expect([a.pwdStartTime?.toISOString(), a.pwdEndTime?.toISOString()]).toEqual(['2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
  });

  it('counts the administrative lock (000001010000Z) as disabled, and any other lock as a lockout of an enabled account', () => {
    expect(account({ pwdaccountlockedtime: ['000001010000Z'] })).toMatchObject({ enabled: false, lockedOutAt: null });
    const locked = account({ pwdaccountlockedtime: ['20261207060728Z'] });
    expect(locked.enabled).toBe(true);
    expect(locked.lockedOutAt?.toISOString()).toBe('2026-12-07T06:07:28.000Z');
  });

  it('reads the failures of pwdFailureTime (fractional seconds): how many, and the latest', () => {
    const a = account({ pwdfailuretime: ['20261207060728.128212Z', '20261207060728.151821Z', '20261207060727.000001Z'] });
    expect(a.badPasswordCount).toBe(3);
    expect(a.lastBadPassword?.toISOString()).toBe('2026-12-07T06:07:28.152Z');
    expect(account({}).badPasswordCount).toBeNull();
  });

  it('takes a grace login (pwdGraceUseTime) as activity when it is the latest sign', () => {
    expect(account({ pwdlastsuccess: ['20250101000000Z'], pwdgraceusetime: ['20250301000000Z'] }).lastLogon?.toISOString()).toBe('2025-03-01T00:00:00.000Z');
  });

  it('reads AD badPwdCount, badPasswordTime and lockoutTime (0: not locked); no ppolicy default on AD', () => {
    const ad = (attributes: Record<string, string[]>) => {
      const m = mapDirectoryEntry(
        'corp',
        { dn: 'CN=Bob,DC=acme,DC=test', attributes: { objectclass: ['user'], samaccountname: ['bob'], useraccountcontrol: ['512'], ...attributes } },
        undefined,
        { defaultPasswordPolicyDn: DEFAULT_POLICY },
      );
      if (m.type !== 'account') throw new Error('expected an account');
      return m.account;
    };
    const locked = ad({ badpwdcount: ['3'], badpasswordtime: ['134410973041866880'], lockouttime: ['134410973041866880'] });
    expect(locked).toMatchObject({ badPasswordCount: 3, passwordPolicyDn: null, enabled: true });
    expect(locked.lastBadPassword?.toISOString()).toBe('2026-12-07T06:08:24.186Z');
    expect(locked.lockedOutAt?.toISOString()).toBe('2026-12-07T06:08:24.186Z');
    expect(ad({ badpwdcount: ['0'], badpasswordtime: ['0'], lockouttime: ['0'] })).toMatchObject({
      badPasswordCount: 0,
      lastBadPassword: null,
      lockedOutAt: null,
    });
  });
});
