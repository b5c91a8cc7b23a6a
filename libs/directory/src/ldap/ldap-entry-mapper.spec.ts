import { toDirectoryEntry } from './ldap-entry-mapper.js';

describe('toDirectoryEntry', () => {
  it('lower-cases names, makes every attribute an array and drops empty ones', () => {
    expect(
      toDirectoryEntry({ dn: 'CN=A,DC=test', cn: 'A', objectClass: ['top', 'user'], memberOf: [], '*': [], entryUUID: [] }),
    ).toEqual({ dn: 'CN=A,DC=test', attributes: { cn: ['A'], objectclass: ['top', 'user'] } });
  });

  it('keeps binary attributes as Buffers, even when ldapts decoded them as text', () => {
    const guid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const entry = toDirectoryEntry({ dn: 'cn=a', objectGUID: guid, objectsid: 'abc' });
    expect(entry.attributes['objectguid']).toEqual([guid]);
    expect(entry.attributes['objectsid']).toEqual([Buffer.from('abc')]);
  });

  it('gives text back for UTF-8 values of other attributes that came as Buffers', () => {
    const entry = toDirectoryEntry({ dn: 'cn=a', description: [Buffer.from('Hélène'), Buffer.from([0xff])] });
    expect(entry.attributes['description']).toEqual(['Hélène', Buffer.from([0xff])]);
  });

  it('maps the same name the same way in every entry, whatever its case', () => {
    const guid = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const entries = [
      toDirectoryEntry({ dn: 'cn=a', objectGUID: guid, CN: 'a' }),
      toDirectoryEntry({ dn: 'cn=b', objectguid: guid, cn: 'b' }),
      toDirectoryEntry({ dn: 'cn=c', objectGUID: guid, CN: 'c' }),
    ];
    expect(entries.map((e) => e.attributes)).toEqual([
      { objectguid: [guid], cn: ['a'] },
      { objectguid: [guid], cn: ['b'] },
      { objectguid: [guid], cn: ['c'] },
    ]);
  });
});
