import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guidToString, sidToString } from '../ad/ad-decoders.js';
import type { DirectoryEntry } from '../directory-entry.js';
import { LdifFileError, LdifSyntaxError } from '../errors.js';
import { LdifEntryReader } from './ldif-entry.reader.js';

const fixture = (path: string) => fileURLToPath(new URL(`./__fixtures__/${path}`, import.meta.url));

async function readAll(file: string, signal?: AbortSignal): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  for await (const entry of new LdifEntryReader().read({ kind: 'ldif', name: 'test', file }, { signal })) entries.push(entry);
  return entries;
}

async function readError(file: string): Promise<unknown> {
  try {
    await readAll(file);
  } catch (error) {
    return error;
  }
  throw new Error('expected the read to fail');
}

describe('LdifEntryReader', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-ldif-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads an AD ldifde export: CRLF, changetype: add, folded lines, base64 SIDs, GUIDs and DNs', async () => {
    const entries = await readAll(fixture('ok/ad-ldifde-export.ldif'));
    expect(entries.map((e) => e.dn)).toEqual([
      'CN=Jane Doe,OU=Ventes,DC=acme,DC=test',
      'CN=Hélène Dupré,OU=Ventes,DC=acme,DC=test',
      'CN=Doe\\, John,OU=Ventes,DC=acme,DC=test',
      'CN=Domain Admins,CN=Users,DC=acme,DC=test',
    ]);
    const [jane, helene, , admins] = entries;
    expect(jane!.attributes['description']).toEqual(['Responsable commerciale grands comptes, region Nord, habilitee aux partages Ventes et Direction']);
    expect(sidToString(jane!.attributes['objectsid']![0] as Buffer)).toBe('S-1-5-21-1004336348-1177238915-682003330-1105');
    expect(guidToString(jane!.attributes['objectguid']![0] as Buffer)).toBe('c2a7a0c4-8b3e-4f3a-9a56-0e1f2d3c4b5a');
    expect(jane!.attributes['useraccountcontrol']).toEqual(['66048']);
    expect(helene!.attributes['cn']).toEqual(['Hélène Dupré']);
    expect(admins!.attributes['member']).toEqual(['CN=Jane Doe,OU=Ventes,DC=acme,DC=test', 'CN=Doe\\, John,OU=Ventes,DC=acme,DC=test']);
    expect(guidToString(admins!.attributes['objectguid']![0] as Buffer)).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });

  it('reads an OpenLDAP slapcat export: version, operational attributes, posixGroup memberUid', async () => {
    const entries = await readAll(fixture('ok/openldap-slapcat.ldif'));
    expect(entries).toHaveLength(6);
    const zoe = entries.find((e) => e.attributes['uid']?.[0] === 'zoé')!;
    expect(zoe.dn).toBe('uid=zoé,ou=people,dc=acme,dc=test');
    expect(zoe.attributes['userpassword']).toEqual(['{SSHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=']);
    expect(Buffer.isBuffer(zoe.attributes['jpegphoto']![0])).toBe(true);
    expect(zoe.attributes['entryuuid']).toEqual(['0f3c1a6e-2d9a-103e-8a2c-5b6f4e0f1a03']);
    const devs = entries.find((e) => e.dn === 'cn=devs,ou=groups,dc=acme,dc=test')!;
    expect(devs.attributes['memberuid']).toEqual(['zoé', 'marc']);
    expect(entries[0]!.attributes['entrycsn']).toEqual(['20240115103000.123456Z#000000#000#000000']);
  });

  it('decodes a UTF-16LE file with BOM, as ldifde -u writes', async () => {
    const file = join(dir, 'utf16.ldif');
    const text = 'dn: CN=Hélène Dupré,DC=acme,DC=test\r\ncn: Hélène Dupré\r\ndescription: long\r\n  line\r\n\r\ndn: CN=Zoë,DC=acme,DC=test\r\ncn: Zoë\r\n';
    await writeFile(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const entries = await readAll(file);
    expect(entries).toEqual([
      { dn: 'CN=Hélène Dupré,DC=acme,DC=test', attributes: { cn: ['Hélène Dupré'], description: ['long line'] } },
      { dn: 'CN=Zoë,DC=acme,DC=test', attributes: { cn: ['Zoë'] } },
    ]);
  });

  it('decodes a UTF-8 file with BOM', async () => {
    const file = join(dir, 'bom.ldif');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('dn: cn=é,dc=test\ncn: é\n')]));
    expect(await readAll(file)).toEqual([{ dn: 'cn=é,dc=test', attributes: { cn: ['é'] } }]);
  });

  it('streams a file larger than one read chunk, with CRLF and multi-byte characters across chunk edges', async () => {
    const file = join(dir, 'big.ldif');
    const records: string[] = [];
    for (let i = 0; i < 5000; i++) records.push(`dn: uid=u${i},ou=people,dc=acme,dc=test\r\nuid: u${i}\r\ncn: Élodie Ørsted ${i}\r\n`);
    await writeFile(file, records.join('\r\n'));
    let count = 0;
    for await (const entry of new LdifEntryReader().read({ kind: 'ldif', name: 'big', file })) {
      expect(entry.attributes['cn']).toEqual([`Élodie Ørsted ${count}`]);
      count++;
    }
    expect(count).toBe(5000);
  });

  it('reads an empty file as no entries', async () => {
    const file = join(dir, 'empty.ldif');
    await writeFile(file, '');
    expect(await readAll(file)).toEqual([]);
  });

  it.each([
    ['no-colon.ldif', 5],
    ['bad-base64.ldif', 3],
    ['continuation-first.ldif', 1],
    ['continuation-after-blank.ldif', 4],
    ['missing-dn.ldif', 2],
    ['changetype-modify.ldif', 2],
    ['url-value.ldif', 3],
    ['duplicate-dn.ldif', 4],
    ['two-dn-lines.ldif', 2],
    ['invalid-dn.ldif', 1],
  ])('refuses not-ok/%s at line %i', async (name, line) => {
    const file = fixture(`not-ok/${name}`);
    const error = await readError(file);
    expect(error).toBeInstanceOf(LdifSyntaxError);
    expect((error as LdifSyntaxError).file).toBe(file);
    expect((error as LdifSyntaxError).line).toBe(line);
  });

  it('says so when the file is missing, a directory, or not text', async () => {
    const missing = await readError(join(dir, 'nope.ldif'));
    expect(missing).toBeInstanceOf(LdifFileError);
    expect((missing as LdifFileError).message).toMatch(/nope\.ldif: no such file/);
    expect(await readError(dir)).toBeInstanceOf(LdifFileError);
    const latin1 = join(dir, 'latin1.ldif');
    await writeFile(latin1, Buffer.from('dn: cn=h\xe9l\xe8ne,dc=test\ncn: x\n', 'latin1'));
    expect(((await readError(latin1)) as LdifFileError).message).toMatch(/neither UTF-8 nor UTF-16/);
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const entries: DirectoryEntry[] = [];
    const reading = (async () => {
      for await (const entry of new LdifEntryReader().read(
        { kind: 'ldif', name: 'x', file: fixture('ok/openldap-slapcat.ldif') },
        { signal: controller.signal },
      )) {
        entries.push(entry);
        controller.abort(new Error('stopped'));
      }
    })();
    await expect(reading).rejects.toThrow('stopped');
    expect(entries).toHaveLength(1);
  });
});
