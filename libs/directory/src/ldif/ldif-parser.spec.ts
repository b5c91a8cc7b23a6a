import { LdifSyntaxError } from '../errors.js';
import { LdifParser, parseLdif } from './ldif-parser.js';

function syntaxError(text: string): LdifSyntaxError {
  try {
    parseLdif(text, 'test.ldif');
  } catch (error) {
    if (error instanceof LdifSyntaxError) return error;
    throw error;
  }
  throw new Error('expected an LdifSyntaxError');
}

describe('parseLdif', () => {
  it('reads entries separated by blank lines, with lower-cased attribute names', () => {
    const entries = parseLdif(
      ['version: 1', '', 'dn: cn=a,dc=acme,dc=test', 'objectClass: person', 'CN: a', 'sn: A', '', '', 'dn: cn=b,dc=acme,dc=test', 'cn: b'].join('\n'),
    );
    expect(entries).toEqual([
      { dn: 'cn=a,dc=acme,dc=test', attributes: { objectclass: ['person'], cn: ['a'], sn: ['A'] } },
      { dn: 'cn=b,dc=acme,dc=test', attributes: { cn: ['b'] } },
    ]);
  });

  it('joins folded lines, dropping the one leading space of each continuation', () => {
    const [entry] = parseLdif('dn: cn=a,dc=acme,\n dc=test\ndescription: first part\n  second part\ncn: a\n');
    expect(entry!.dn).toBe('cn=a,dc=acme,dc=test');
    expect(entry!.attributes['description']).toEqual(['first part second part']);
  });

  it('skips comments, folded comments included, and keeps multi-valued attributes in order', () => {
    const [entry] = parseLdif('# an export\n#  folded\n  comment\ndn: cn=g,dc=acme,dc=test\n# inside\nmemberUid: b\nmemberUid: a\n');
    expect(entry!.attributes).toEqual({ memberuid: ['b', 'a'] });
  });

  it('decodes base64 to text when it is UTF-8, to bytes when not, and base64 DNs', () => {
    const dn = Buffer.from('cn=Hélène,dc=acme,dc=test').toString('base64');
    const [entry] = parseLdif(`dn:: ${dn}\ncn:: ${Buffer.from('Hélène').toString('base64')}\nblob:: /w==\nempty::\n`);
    expect(entry!.dn).toBe('cn=Hélène,dc=acme,dc=test');
    expect(entry!.attributes['cn']).toEqual(['Hélène']);
    expect(entry!.attributes['blob']).toEqual([Buffer.from([0xff])]);
    expect(entry!.attributes['empty']).toEqual(['']);
  });

  it('keeps binary attributes as Buffers even when the bytes are valid UTF-8', () => {
    const [entry] = parseLdif(`dn: cn=a,dc=acme,dc=test\nobjectGUID:: ${Buffer.from('abcdefghijklmnop').toString('base64')}\njpegPhoto: raw\n`);
    expect(entry!.attributes['objectguid']).toEqual([Buffer.from('abcdefghijklmnop')]);
    expect(entry!.attributes['jpegphoto']).toEqual([Buffer.from('raw')]);
  });

  it('keeps attribute options in the name and the ;binary option makes values bytes', () => {
    const [entry] = parseLdif('dn: cn=a,dc=acme,dc=test\nuserCertificate;binary:: AAE=\ncn;lang-fr: Hélène\n');
    expect(entry!.attributes).toEqual({ 'usercertificate;binary': [Buffer.from([0, 1])], 'cn;lang-fr': ['Hélène'] });
  });

  it('takes leading spaces after the colon as separators and keeps trailing ones', () => {
    const [entry] = parseLdif('dn:    cn=a,dc=acme,dc=test\ncn:a\nsn:   A  \n');
    expect(entry).toEqual({ dn: 'cn=a,dc=acme,dc=test', attributes: { cn: ['a'], sn: ['A  '] } });
  });

  it('accepts changetype: add records as entries', () => {
    const [entry] = parseLdif('dn: cn=a,dc=acme,dc=test\nchangetype: add\ncn: a\n');
    expect(entry!.attributes).toEqual({ cn: ['a'] });
  });

  it('handles CRLF, lone CR, a BOM and no final line ending', () => {
    const text = '\uFEFFdn: cn=a,dc=acme,dc=test\r\ncn: a\r\n\r\ndn: cn=b,dc=acme,dc=test\rcn: b';
    expect(parseLdif(text).map((e) => e.dn)).toEqual(['cn=a,dc=acme,dc=test', 'cn=b,dc=acme,dc=test']);
  });

  it('treats lines of spaces between entries as blank lines', () => {
    expect(parseLdif('dn: cn=a,dc=acme,dc=test\ncn: a\n\n   \ndn: cn=b,dc=acme,dc=test\ncn: b\n')).toHaveLength(2);
  });

  it('accepts version: 1 again between entries, as ldapsearch -L prints it before each page', () => {
    const text = 'version: 1\n\ndn: cn=a,dc=test\ncn: a\n\n# search result\nversion: 1\n\ndn: cn=b,dc=test\ncn: b\n';
    expect(parseLdif(text)).toHaveLength(2);
  });

  it('returns nothing for an empty or comment-only text', () => {
    expect(parseLdif('')).toEqual([]);
    expect(parseLdif('version: 1\n# nothing\n\n')).toEqual([]);
  });

  it('streams: push returns each entry once its blank line arrives', () => {
    const parser = new LdifParser('stream.ldif');
    expect(parser.push('dn: cn=a,dc=acme,dc=test')).toBeUndefined();
    expect(parser.push('cn: a')).toBeUndefined();
    expect(parser.push('')).toEqual({ dn: 'cn=a,dc=acme,dc=test', attributes: { cn: ['a'] } });
    expect(parser.push('dn: cn=b,dc=acme,dc=test')).toBeUndefined();
    expect(parser.push('cn: b')).toBeUndefined();
    expect(parser.end()).toEqual({ dn: 'cn=b,dc=acme,dc=test', attributes: { cn: ['b'] } });
  });

  describe('refuses malformed input with the file, the line and what was expected', () => {
    it.each([
      ['a line without colon', 'dn: cn=a,dc=acme,dc=test\ncn a\n', 2, /no colon/],
      ['bad base64', 'dn: cn=a,dc=acme,dc=test\ncn:: Zm9v!\n', 2, /invalid base64/],
      ['base64 of a wrong length', 'dn: cn=a,dc=acme,dc=test\ncn:: Zm9\n', 2, /invalid base64/],
      ['a continuation line first', ' dn: cn=a,dc=acme,dc=test\n', 1, /continues the previous line/],
      ['a continuation after a blank line', 'dn: cn=a,dc=acme,dc=test\ncn: a\n\n more\n', 4, /continues the previous line/],
      ['a record without dn', '\n\nobjectClass: person\n', 3, /"objectClass:" where an entry starts/],
      ['a second dn without blank line', 'dn: cn=a,dc=acme,dc=test\ndn: cn=b,dc=acme,dc=test\n', 2, /second dn:/],
      ['a duplicate DN', 'dn: cn=a,dc=acme,dc=test\ncn: a\n\ndn: CN=A , DC=Acme,dc=test\ncn: a\n', 4, /duplicate entry .* line 1/],
      ['an invalid DN', 'dn: cn=a,,dc=test\ncn: a\n', 1, /invalid DN|is not an attribute type|separator/],
      ['a base64 DN that is not UTF-8', 'dn:: /w==\ncn: a\n', 1, /not UTF-8/],
      ['changetype: modify', 'dn: cn=a,dc=acme,dc=test\nchangetype: modify\nreplace: cn\n', 2, /changetype: modify is a change/],
      ['changetype: delete', 'dn: cn=a,dc=acme,dc=test\nchangetype: delete\n', 2, /changetype: delete/],
      ['changetype after attributes', 'dn: cn=a,dc=acme,dc=test\ncn: a\nchangetype: add\n', 3, /changetype: after attributes/],
      ['a URL value', 'dn: cn=a,dc=acme,dc=test\njpegPhoto:< file:///etc/passwd\n', 2, /URL values/],
      ['a control line', 'dn: cn=a,dc=acme,dc=test\ncontrol: 1.2.840.113556.1.4.805 true\n', 2, /control:/],
      ['an entry without attributes', 'dn: cn=a,dc=acme,dc=test\n\n', 1, /has no attributes/],
      ['an invalid attribute name', 'dn: cn=a,dc=acme,dc=test\nc n: a\n', 2, /not an attribute name/],
      ['an unsupported version', 'version: 2\n', 1, /unsupported LDIF version/],
      ['a late unsupported version', 'dn: cn=a,dc=acme,dc=test\ncn: a\n\nversion: 3\n', 4, /unsupported LDIF version "3"/],
    ])('%s', (_, text, line, reason) => {
      const error = syntaxError(text);
      expect(error.file).toBe('test.ldif');
      expect(error.line).toBe(line);
      expect(error.message).toMatch(reason);
      expect(error.message.startsWith(`test.ldif:${line}: `)).toBe(true);
      expect(error.hint).toMatch(/^Expected /);
      expect(error.code).toBe('LDIF_SYNTAX');
    });

    it('reports the line where a folded line starts', () => {
      expect(syntaxError('dn: cn=a,dc=acme,dc=test\ncn:: Zm9v\n !==\n').line).toBe(2);
    });
  });
});
