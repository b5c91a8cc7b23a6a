import { type AttributeValue, type DirectoryEntry, SYNC_ATTRIBUTES } from '#vigie/directory';
import { mapDirectoryEntry, mapEntry } from './entry-mapper.js';

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
    const p = mapEntry('ldap', {
      dn: 'cn=staff,dc=acme,dc=test',
      attributes: { objectclass: ['posixGroup'], cn: ['staff'], gidnumber: ['2000'], memberuid: ['a', 'b'] },
    });
    expect(p).toMatchObject({ type: 'group', group: { gidNumber: 2000 }, memberUids: ['a', 'b'] });
  });

  it('tells computers from users, and skips contacts and OUs', () => {
    const c = mapEntry('corp', { dn: 'CN=PC1,DC=acme,DC=test', attributes: { objectclass: ['top', 'person', 'user', 'computer'], samaccountname: ['PC1$'] } });
    expect(c).toMatchObject({ type: 'account', account: { kind: 'computer' } });
    expect(mapEntry('corp', { dn: 'CN=Ext,DC=acme,DC=test', attributes: { objectclass: ['top', 'person', 'contact'] } }).type).toBe('other');
    expect(mapEntry('corp', { dn: 'OU=X,DC=acme,DC=test', attributes: { objectclass: ['organizationalUnit'] } }).type).toBe('other');
  });
});

describe(mapDirectoryEntry.name, () => {
  const guidBytes = Buffer.from('3f2504e04f8911d39a0c0305e82c3301', 'hex'); // {e004253f-894f-d311-9a0c-0305e82c3301}

  it('maps an AD computer with what the hygiene rules read', () => {
    const m = mapDirectoryEntry('corp', {
      dn: 'CN=PC042,OU=Workstations,DC=acme,DC=test',
      attributes: {
        objectclass: ['top', 'person', 'organizationalPerson', 'user', 'computer'],
        objectguid: [guidBytes],
        samaccountname: ['PC042$'],
        useraccountcontrol: ['4096'],
        operatingsystem: ['Windows 7 Professional'],
        operatingsystemversion: ['6.1 (7601)'],
        dnshostname: ['pc042.acme.test'],
        pwdlastset: ['133500000000000000'],
        lastlogontimestamp: ['133500000000000000'],
        'ms-mcs-admpwdexpirationtime': ['133600000000000000'],
        'msds-supportedencryptiontypes': ['3'],
        serviceprincipalname: ['HOST/pc042', 'HOST/pc042.acme.test'],
        whenchanged: ['20250301120000.0Z'],
      },
    });
    expect(m).toMatchObject({
      type: 'account',
      account: {
        kind: 'computer',
        objectGuid: 'e004253f-894f-d311-9a0c-0305e82c3301',
        operatingSystem: 'Windows 7 Professional',
        operatingSystemVersion: '6.1 (7601)',
        dnsHostName: 'pc042.acme.test',
        supportedEncryptionTypes: 3,
        servicePrincipalNames: ['HOST/pc042', 'HOST/pc042.acme.test'],
        lapsPasswordExpires: new Date('2024-05-12T15:06:40.000Z'),
        whenChanged: new Date('2025-03-01T12:00:00.000Z'),
      },
    });
  });

  it('maps adminCount and sIDHistory of a user, and prefers the Windows LAPS expiry', () => {
    const m = mapDirectoryEntry('corp', {
      dn: 'CN=Old Admin,OU=Admins,DC=acme,DC=test',
      attributes: {
        objectclass: ['user'],
        samaccountname: ['oldadmin'],
        admincount: ['1'],
        sidhistory: [sid('S-1-5-21-9-9-9-500'), Buffer.from([1, 2])],
        'mslaps-passwordexpirationtime': ['133500000000000000'],
        'ms-mcs-admpwdexpirationtime': ['133600000000000000'],
      },
    });
    if (m.type !== 'account') throw new Error('expected an account');
    expect(m.account).toMatchObject({ adminCount: 1, sidHistory: ['S-1-5-21-9-9-9-500'], lapsPasswordExpires: new Date('2024-01-17T21:20:00.000Z') });
  });

  it.each<[string, string, { scope: string | null; security: boolean | null }]>([
    ['-2147483646', 'global security', { scope: 'global', security: true }],
    ['-2147483644', 'domain-local security', { scope: 'domain-local', security: true }],
    ['-2147483640', 'universal security', { scope: 'universal', security: true }],
    ['2', 'global distribution', { scope: 'global', security: false }],
    ['8', 'universal distribution', { scope: 'universal', security: false }],
    ['-2147483643', 'builtin', { scope: 'builtin', security: true }],
    ['0', 'no scope bit', { scope: null, security: null }],
  ])('reads groupType %s as a %s group', (groupType, _label, expected) => {
    const m = mapDirectoryEntry('corp', { dn: 'CN=G,DC=acme,DC=test', attributes: { objectclass: ['group'], samaccountname: ['G'], grouptype: [groupType] } });
    expect(m).toMatchObject({ type: 'group', group: { groupType: Number(groupType), ...expected } });
  });

  it('maps OUs, published printers and shares, and foreign security principals', () => {
    const ou = mapDirectoryEntry('corp', {
      dn: 'OU=Comptabilité,DC=acme,DC=test',
      attributes: { objectclass: ['top', 'organizationalUnit'], ou: ['Comptabilité'], description: ['Finance'], managedby: ['CN=Jean,DC=acme,DC=test'] },
    });
    expect(ou).toMatchObject({
      type: 'object',
      object: { kind: 'organizational-unit', name: 'Comptabilité', description: 'Finance', managedBy: 'CN=Jean,DC=acme,DC=test' },
    });

    const printer = mapDirectoryEntry('corp', {
      dn: 'CN=PRN01-Compta,CN=PRN01,OU=Servers,DC=acme,DC=test',
      attributes: {
        objectclass: ['top', 'leaf', 'connectionPoint', 'printQueue'],
        printername: ['Compta Laser'],
        uncname: ['\\\\prn01\\Compta'],
        servername: ['prn01.acme.test'],
        location: ['Bât. A, 2e'],
      },
    });
    expect(printer).toMatchObject({
      type: 'object',
      object: { kind: 'printer', name: 'Compta Laser', uncName: '\\\\prn01\\Compta', serverName: 'prn01.acme.test', location: 'Bât. A, 2e' },
    });

    const share = mapDirectoryEntry('corp', {
      dn: 'CN=Finance,OU=Shares,DC=acme,DC=test',
      attributes: { objectclass: ['top', 'leaf', 'connectionPoint', 'volume'], cn: ['Finance'], uncname: ['\\\\fs01\\Finance'] },
    });
    expect(share).toMatchObject({ type: 'object', object: { kind: 'share', name: 'Finance', uncName: '\\\\fs01\\Finance' } });

    const fsp = mapDirectoryEntry('corp', {
      dn: 'CN=S-1-5-11,CN=ForeignSecurityPrincipals,DC=acme,DC=test',
      attributes: { objectclass: ['top', 'foreignSecurityPrincipal'], cn: ['S-1-5-11'], objectsid: [sid('S-1-5-11')] },
    });
    expect(fsp).toMatchObject({ type: 'object', object: { kind: 'foreign-principal', name: 'S-1-5-11', objectSid: 'S-1-5-11' } });
    // An export without objectSid: the SID is the CN.
    const bare = mapDirectoryEntry('corp', {
      dn: 'CN=S-1-5-21-7-8-9-1105,CN=ForeignSecurityPrincipals,DC=acme,DC=test',
      attributes: { objectclass: ['foreignSecurityPrincipal'] },
    });
    expect(bare).toMatchObject({ object: { objectSid: 'S-1-5-21-7-8-9-1105' } });
  });

  it('takes entryUUID as the identity on OpenLDAP, and a GUID written as text', () => {
    const person = mapDirectoryEntry('ldap', {
      dn: 'uid=alice,ou=people,dc=acme,dc=test',
      attributes: { objectclass: ['inetOrgPerson'], uid: ['alice'], entryuuid: ['5B4F8A2E-1C3D-103F-9A11-D7F3C2B1A000'], modifytimestamp: ['20250102030405Z'] },
    });
    expect(person).toMatchObject({
      type: 'account',
      account: { objectGuid: '5b4f8a2e-1c3d-103f-9a11-d7f3c2b1a000', whenChanged: new Date('2025-01-02T03:04:05Z') },
    });
    const text = mapDirectoryEntry('corp', {
      dn: 'CN=G,DC=acme,DC=test',
      attributes: { objectclass: ['group'], objectguid: ['{E004253F-894F-D311-9A0C-0305E82C3301}'] },
    });
    expect(text).toMatchObject({ group: { objectGuid: 'e004253f-894f-d311-9a0c-0305e82c3301' } });
    const none = mapDirectoryEntry('corp', { dn: 'CN=G,DC=acme,DC=test', attributes: { objectclass: ['group'], objectguid: ['not a guid'] } });
    expect(none).toMatchObject({ group: { objectGuid: null } });
  });

  it('keeps an account an account whatever auxiliary class it carries, and skips contacts', () => {
    expect(mapDirectoryEntry('corp', { dn: 'CN=X,DC=acme,DC=test', attributes: { objectclass: ['user', 'organizationalUnit'] } }).type).toBe('account');
    expect(mapDirectoryEntry('corp', { dn: 'CN=Ext,DC=acme,DC=test', attributes: { objectclass: ['top', 'person', 'contact'] } }).type).toBe('other');
  });
});

describe('the attributes a sync asks the directory for', () => {
  // The read names its attributes instead of `*` (SYNC_ATTRIBUTES): one the mapper reads but the read
  // does not ask for would silently be empty in every snapshot.
  it('include every attribute the mapper reads, for every kind of entry', () => {
    const asked = new Set(SYNC_ATTRIBUTES.map((a) => a.toLowerCase()));
    const read = new Set<string>();
    const kinds = [
      ['top', 'person', 'organizationalPerson', 'user'],
      ['top', 'person', 'organizationalPerson', 'user', 'computer'],
      ['top', 'group'],
      ['inetOrgPerson', 'posixAccount', 'shadowAccount'],
      ['groupOfNames'],
      ['groupOfUniqueNames'],
      ['posixGroup'],
      ['organizationalUnit'],
      ['printQueue'],
      ['volume'],
      ['foreignSecurityPrincipal'],
      ['contact'],
    ];
    for (const classes of kinds) {
      // With no other value, the mapper asks for each attribute it falls back on.
      const attributes = new Proxy<Record<string, AttributeValue[]>>(
        { objectclass: classes },
        {
          get(target, name) {
            if (typeof name === 'string') read.add(name);
            return target[name as string];
          },
        },
      );
      const entry: DirectoryEntry = { dn: 'CN=X,DC=acme,DC=test', attributes };
      mapDirectoryEntry('corp', entry);
    }
    expect(read.size).toBeGreaterThan(30);
    expect([...read].filter((name) => !asked.has(name))).toEqual([]);
  });
});
