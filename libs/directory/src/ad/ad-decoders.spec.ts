import {
  dateToFiletime,
  filetimeToDate,
  generalizedTimeToDate,
  groupTypeOf,
  guidToString,
  hasFlag,
  ridOfSid,
  sidFromString,
  sidToString,
  UserAccountControl,
} from './ad-decoders.js';

describe('filetimeToDate', () => {
  it('converts 100 ns ticks since 1601 to a Date', () => {
    expect(filetimeToDate('116444736000000000')?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(filetimeToDate('133497882000000000')?.toISOString()).toBe('2024-01-15T10:30:00.000Z');
  });

  it('reads "never" and garbage as null', () => {
    expect(filetimeToDate('0')).toBeNull();
    expect(filetimeToDate('9223372036854775807')).toBeNull();
    expect(filetimeToDate('')).toBeNull();
    expect(filetimeToDate('soon')).toBeNull();
  });

  it('round-trips with dateToFiletime', () => {
    const date = new Date('2025-06-30T12:00:00.123Z');
    expect(filetimeToDate(dateToFiletime(date))).toEqual(date);
  });
});

describe('generalizedTimeToDate', () => {
  it.each([
    ['20240115103000.0Z', '2024-01-15T10:30:00.000Z'],
    ['20240115103000Z', '2024-01-15T10:30:00.000Z'],
    ['20240115103000.123456Z', '2024-01-15T10:30:00.123Z'],
    ['202401151030Z', '2024-01-15T10:30:00.000Z'],
    ['2024011510Z', '2024-01-15T10:00:00.000Z'],
    ['2024011510.5Z', '2024-01-15T10:30:00.000Z'],
    ['20240115123000+0200', '2024-01-15T10:30:00.000Z'],
    ['20240115083000-02', '2024-01-15T10:30:00.000Z'],
    ['20240229235960Z', '2024-02-29T23:59:59.000Z'],
    ['19991231235959.0Z', '1999-12-31T23:59:59.000Z'],
    [' 20240115103000Z', '2024-01-15T10:30:00.000Z'],
    ['20240115103000.5Z', '2024-01-15T10:30:00.500Z'],
  ])('%s', (text, iso) => {
    expect(generalizedTimeToDate(text)?.toISOString()).toBe(iso);
  });

  it.each([
    ['2024-01-15'],
    ['20241315103000Z'],
    ['20240230103000Z'],
    ['20230229103000Z'],
    ['20240115103000'],
    ['2024011510300AZ'],
    ['20240115246000Z'],
    ['20240115103000.0z'],
    [''],
  ])('rejects %s', (text) => {
    expect(generalizedTimeToDate(text)).toBeNull();
  });
});

describe('SIDs', () => {
  const bytes = Buffer.from('010500000000000515000000dcf4dc3b833d2b46828ba62851040000', 'hex');

  it('decodes a binary SID', () => {
    expect(sidToString(bytes)).toBe('S-1-5-21-1004336348-1177238915-682003330-1105');
    expect(sidToString(Buffer.from('01020000000000052000000020020000', 'hex'))).toBe('S-1-5-32-544');
  });

  it('encodes it back', () => {
    expect(sidFromString('S-1-5-21-1004336348-1177238915-682003330-1105')).toEqual(bytes);
  });

  it('gives the RID', () => {
    expect(ridOfSid(bytes)).toBe(1105);
    expect(ridOfSid('S-1-5-21-1-2-3-512')).toBe(512);
    expect(() => ridOfSid('Domain Admins')).toThrow(RangeError);
  });

  it('refuses truncated SIDs', () => {
    expect(() => sidToString(bytes.subarray(0, 20))).toThrow(RangeError);
    expect(() => sidToString(Buffer.alloc(3))).toThrow(RangeError);
  });
});

describe('guidToString', () => {
  it('reads the mixed-endian layout of objectGUID', () => {
    const bytes = Buffer.from('3322110055447766' + '8899aabbccddeeff', 'hex');
    expect(guidToString(bytes)).toBe('00112233-4455-6677-8899-aabbccddeeff');
  });

  it('refuses anything but 16 bytes', () => {
    expect(() => guidToString(Buffer.alloc(15))).toThrow(RangeError);
  });
});

describe('userAccountControl', () => {
  it('tests flags on numbers and decimal text', () => {
    expect(hasFlag(514, UserAccountControl.ACCOUNTDISABLE)).toBe(true);
    expect(hasFlag('66048', UserAccountControl.DONT_EXPIRE_PASSWORD)).toBe(true);
    expect(hasFlag('66048', UserAccountControl.ACCOUNTDISABLE)).toBe(false);
    expect(hasFlag('546', UserAccountControl.PASSWD_NOTREQD)).toBe(true);
    expect(hasFlag('4096', UserAccountControl.WORKSTATION_TRUST_ACCOUNT)).toBe(true);
    expect(hasFlag('532480', UserAccountControl.TRUSTED_FOR_DELEGATION)).toBe(true);
    expect(hasFlag('x', UserAccountControl.ACCOUNTDISABLE)).toBe(false);
  });

  it('has the documented values', () => {
    expect(UserAccountControl).toMatchObject({
      ACCOUNTDISABLE: 0x2,
      PASSWD_NOTREQD: 0x20,
      ENCRYPTED_TEXT_PWD_ALLOWED: 0x80,
      NORMAL_ACCOUNT: 0x200,
      WORKSTATION_TRUST_ACCOUNT: 0x1000,
      SERVER_TRUST_ACCOUNT: 0x2000,
      DONT_EXPIRE_PASSWORD: 0x10000,
      TRUSTED_FOR_DELEGATION: 0x80000,
      NOT_DELEGATED: 0x100000,
      USE_DES_KEY_ONLY: 0x200000,
      DONT_REQ_PREAUTH: 0x400000,
    });
  });
});

describe('groupTypeOf', () => {
  it.each([
    [-2147483646, true, 'global'],
    [-2147483644, true, 'domain-local'],
    [-2147483640, true, 'universal'],
    [-2147483643, true, 'builtin'],
    [2, false, 'global'],
    [4, false, 'domain-local'],
    [8, false, 'universal'],
    ['-2147483646', true, 'global'],
  ])('%s', (groupType, security, scope) => {
    expect(groupTypeOf(groupType)).toEqual({ security, scope });
  });

  it('refuses a groupType without scope', () => {
    expect(() => groupTypeOf(0)).toThrow(RangeError);
  });
});
