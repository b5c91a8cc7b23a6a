import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { DOMAIN, findingsOf, sidOf, summary } from '../testing/audit-harness.js';
import { SidHistoryRule } from './h-sidhistory.rule.js';

describe(SidHistoryRule.name, () => {
  const sut = new SidHistoryRule();
  const OLD_DOMAIN = 'S-1-5-21-99-98-97';

  it('flags an enabled account still carrying the SID of a migrated domain', () => {
    const snap = aSnapshot([anAccount('migrated', { objectSid: sidOf(1500), sidHistory: [`${OLD_DOMAIN}-1234`] })], []);
    const [f] = findingsOf(sut, snap);
    expect(summary([f])).toEqual(['migrated - high']);
    expect(f.evidence).toMatchObject({ sidHistory: [`${OLD_DOMAIN}-1234`], dangerous: [] });
    expect(f.explain[0]).toBe(`sIDHistory ${OLD_DOMAIN}-1234: the account also holds every right granted to these SIDs`);
  });

  it('rates critical a SID of its own domain or of an administrator, which no migration explains', () => {
    const snap = aSnapshot(
      [
        anAccount('backdoor', { objectSid: sidOf(1501), sidHistory: [sidOf(1103)] }),
        anAccount('old_admin', { objectSid: sidOf(1502), sidHistory: [`${OLD_DOMAIN}-512`] }),
        anAccount('builtin', { objectSid: sidOf(1503), sidHistory: ['S-1-5-32-544'] }),
        anAccount('PC7$', { kind: 'computer', objectSid: sidOf(1504), sidHistory: [`${OLD_DOMAIN}-2001`], userAccountControl: 0x1000 }),
      ],
      [],
    );
    expect(summary(findingsOf(sut, snap))).toEqual(['PC7$ - high', 'backdoor - critical', 'builtin - critical', 'old_admin - critical']);
    expect(findingsOf(sut, snap).find((f) => f.subject.login === 'backdoor')!.explain[1]).toBe(
      `${sidOf(1103)} is of the account's own domain (${DOMAIN}) or an administrator's: no migration explains it`,
    );
  });

  it('accepts accounts without sIDHistory, and disabled ones (they cannot sign in)', () => {
    const snap = aSnapshot(
      [anAccount('clean', { objectSid: sidOf(1600) }), anAccount('gone', { objectSid: sidOf(1601), enabled: false, sidHistory: [`${OLD_DOMAIN}-1`] })],
      [],
    );
    expect(findingsOf(sut, snap)).toEqual([]);
  });
});
