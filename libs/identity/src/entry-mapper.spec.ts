import { mapEntry } from './entry-mapper.js';

const sid = (s: string) => {
  const parts = s.split('-').slice(1).map(Number);
  const [rev, auth, ...subs] = parts;
  const buf = Buffer.alloc(8 + subs.length * 4);
  buf[0] = rev;
  buf[1] = subs.length;
  buf.writeUIntBE(auth, 2, 6);
  subs.forEach((v, i) => buf.writeUInt32LE(v, 8 + i * 4));
  return buf;
};

describe(mapEntry.name, () => {
  it('maps an AD user: flags, FILETIME dates, SID and primary group', () => {
    const m = mapEntry('corp', {
      dn: 'CN=Jean Dupont,OU=Finance,DC=acme,DC=test',
      attributes: {
        objectclass: ['top', 'person', 'organizationalPerson', 'user'],
        samaccountname: ['jdupont'],
        useraccountcontrol: ['66050'],
        pwdlastset: ['0'],
        lastlogontimestamp: ['133500000000000000'],
        accountexpires: ['9223372036854775807'],
        whencreated: ['20240115103000.0Z'],
        employeeid: ['E1042'],
        department: ['Finance'],
        description: ['Compta'],
        info: ['note'],
        objectsid: [sid('S-1-5-21-1-2-3-1105')],
        primarygroupid: ['513'],
      },
    });
    expect(m.type).toBe('account');
    if (m.type !== 'account') return;
    expect(m.account).toMatchObject({
      kind: 'user',
      login: 'jdupont',
      enabled: false,
      userAccountControl: 66050,
      pwdLastSet: null,
      accountExpires: null,
      employeeId: 'E1042',
      department: 'Finance',
      description: 'Compta\nnote',
      objectSid: 'S-1-5-21-1-2-3-1105',
      primaryGroupId: 513,
    });
    expect(m.account.lastLogon?.toISOString()).toBe('2024-01-17T21:20:00.000Z');
    expect(m.account.whenCreated?.toISOString()).toBe('2024-01-15T10:30:00.000Z');
  });

  it('maps an OpenLDAP person: uid, employeeNumber, departmentNumber, ppolicy lock and last success', () => {
    const m = mapEntry('ldap', {
      dn: 'uid=alice,ou=people,dc=acme,dc=test',
      attributes: {
        objectclass: ['inetOrgPerson', 'posixAccount'],
        uid: ['alice'],
        employeenumber: ['E7'],
        departmentnumber: ['RH'],
        pwdaccountlockedtime: ['000001010000Z'],
        pwdlastsuccess: ['20250101000000Z'],
        createtimestamp: ['20200101000000Z'],
      },
    });
    if (m.type !== 'account') throw new Error('expected an account');
    expect(m.account).toMatchObject({ login: 'alice', employeeId: 'E7', department: 'RH', enabled: false, userAccountControl: null });
    expect(m.account.lastLogon?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });

  it('maps groups of every flavour and strips the optional uid of uniqueMember', () => {
    const g = mapEntry('ldap', {
      dn: 'cn=hr,ou=groups,dc=acme,dc=test',
      attributes: { objectclass: ['groupOfUniqueNames'], cn: ['hr'], uniquemember: ["uid=a,dc=acme,dc=test#'0101'B"] },
    });
    expect(g).toMatchObject({ type: 'group', group: { name: 'hr' }, members: ['uid=a,dc=acme,dc=test'] });
    const p = mapEntry('ldap', { dn: 'cn=staff,dc=acme,dc=test', attributes: { objectclass: ['posixGroup'], cn: ['staff'], gidnumber: ['2000'], memberuid: ['a', 'b'] } });
    expect(p).toMatchObject({ type: 'group', group: { gidNumber: 2000 }, memberUids: ['a', 'b'] });
  });

  it('tells computers from users, and skips contacts and OUs', () => {
    const c = mapEntry('corp', { dn: 'CN=PC1,DC=acme,DC=test', attributes: { objectclass: ['top', 'person', 'user', 'computer'], samaccountname: ['PC1$'] } });
    expect(c).toMatchObject({ type: 'account', account: { kind: 'computer' } });
    expect(mapEntry('corp', { dn: 'CN=Ext,DC=acme,DC=test', attributes: { objectclass: ['top', 'person', 'contact'] } }).type).toBe('other');
    expect(mapEntry('corp', { dn: 'OU=X,DC=acme,DC=test', attributes: { objectclass: ['organizationalUnit'] } }).type).toBe('other');
  });
});
