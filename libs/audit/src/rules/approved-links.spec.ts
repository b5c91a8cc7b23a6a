import { normalizeDn } from '#vigie/directory';
import type { MembershipAddition } from '#vigie/identity';
import { approvedLinks } from './approved-links.js';

describe('approvedLinks', () => {
  const seenAt = new Date('2026-12-03T10:00:00Z');
  const minutes = (n: number) => new Date(seenAt.getTime() + n * 60_000);
  const addition: MembershipAddition = {
    directory: 'corp',
    via: 'member',
    groupDnNorm: normalizeDn('cn=admins,ou=groups,dc=acme,dc=test'),
    primaryGroupId: null,
    memberDnNorm: normalizeDn('uid=nina,ou=people,dc=acme,dc=test'),
    runId: 'run-1',
    seenAt,
  };
  const approval = (approvedAt: Date, endsAt: Date | null = null) => ({
    requestId: 'r1',
    directory: 'corp',
    groupDn: 'CN=Admins, OU=Groups, DC=acme, DC=test',
    memberDn: 'UID=nina,OU=People,DC=ACME,DC=TEST',
    approvedAt,
    endsAt,
  });

  it('covers a link seen after its approval and before its grant ended, DNs compared normalised', () => {
    expect(approvedLinks([approval(minutes(-60), minutes(60))])(addition)).toBe(true);
    expect(approvedLinks([approval(minutes(-60))])(addition)).toBe(true);
  });

  it('absorbs clocks a few minutes apart, not an approval given afterwards', () => {
    expect(approvedLinks([approval(minutes(10))])(addition)).toBe(true);
    expect(approvedLinks([approval(minutes(60))])(addition)).toBe(false);
  });

  it('covers nothing after the grant ended, and never a primary group', () => {
    expect(approvedLinks([approval(minutes(-600), minutes(-1))])(addition)).toBe(false);
    expect(approvedLinks([approval(minutes(-60))])({ ...addition, via: 'primary-group', groupDnNorm: null, primaryGroupId: 512 })).toBe(false);
    expect(approvedLinks(null)(addition)).toBe(false);
  });
});
