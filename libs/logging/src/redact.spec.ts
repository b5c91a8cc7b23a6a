import { REDACTED, redactText } from './redact.js';

describe(redactText.name, () => {
  it('masks secrets in URLs, bearer tokens, API tokens and key=value pairs', () => {
    expect(redactText('postgres://vigie:s3cr3t@db:5432/vigie')).toBe(`postgres://vigie:${REDACTED}@db:5432/vigie`);
    expect(redactText('Authorization: Bearer abc.def')).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(redactText('token vig_abcdefghijklmnopqrstu was refused')).toBe(`token ${REDACTED} was refused`);
    expect(redactText('bind failed with password=hunter2 for admin')).toBe(`bind failed with password=${REDACTED} for admin`);
    expect(redactText('db_password: "a b c"')).toBe(`db_password: ${REDACTED}`);
  });

  it('leaves a file name that merely contains such a word, with its line number, as it is', () => {
    expect(redactText('/etc/passwd:2: 4 fields where the header has 1')).toBe('/etc/passwd:2: 4 fields where the header has 1');
    expect(redactText('C:\\exports\\pwd:3: no colon')).toBe('C:\\exports\\pwd:3: no colon');
  });
});
