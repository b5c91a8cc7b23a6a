import { parseLdif } from '#vigie/directory';
import { formatLdif, formatLdifRecord } from './ldif-record.writer.js';

describe('formatLdifRecord', () => {
  it('writes safe ASCII as is and everything else in base64', () => {
    const text = formatLdifRecord({
      dn: 'CN=Martin\\, Paul,OU=Production,DC=acme,DC=test',
      attributes: [
        ['cn', 'Martin, Paul'],
        ['sn', 'Lefèvre'],
        ['description', ' leading space'],
        ['info', ':colon first'],
        ['title', '<angle first'],
        ['l', 'trailing space '],
        ['objectSid', Buffer.from([1, 2, 3])],
        ['mail', undefined],
      ],
    });
    expect(text.split('\n')).toEqual([
      'dn: CN=Martin\\, Paul,OU=Production,DC=acme,DC=test',
      'cn: Martin, Paul',
      `sn:: ${Buffer.from('Lefèvre').toString('base64')}`,
      `description:: ${Buffer.from(' leading space').toString('base64')}`,
      `info:: ${Buffer.from(':colon first').toString('base64')}`,
      `title:: ${Buffer.from('<angle first').toString('base64')}`,
      `l:: ${Buffer.from('trailing space ').toString('base64')}`,
      'objectSid:: AQID',
      '',
    ]);
  });

  it('folds long lines at 76 columns, value on the continuation lines, and reads back the same', () => {
    const long = `CN=${'x'.repeat(150)},OU=Groupes,DC=acme,DC=test`;
    const text = formatLdif(
      [
        {
          dn: 'CN=g,DC=acme,DC=test',
          attributes: [
            ['objectClass', ['top', 'group']],
            ['member', [long, 'CN=y,DC=acme,DC=test']],
          ],
        },
      ],
      'a comment',
    );
    const lines = text.split('\n');
    expect(lines).toContain('member: ');
    expect(lines.every((line) => line.length <= 76)).toBe(true);
    const [entry] = parseLdif(text);
    expect(entry!.attributes.member).toEqual([long, 'CN=y,DC=acme,DC=test']);
    expect(entry!.attributes.objectclass).toEqual(['top', 'group']);
  });
});
