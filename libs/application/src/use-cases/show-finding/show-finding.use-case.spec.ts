import type { FindingsQueryService, FindingWithState } from '#vigie/audit';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ShowFinding } from './show-finding.use-case.js';

const finding: FindingWithState = {
  id: 'f-42',
  rule: 'H-PWD-NEVER-EXPIRES',
  severity: 'medium',
  subject: { type: 'account', directory: 'corp-ad', dn: 'CN=Jean Dupont,OU=Staff,DC=corp,DC=example', login: 'jdupont', employeeId: 'E1042' },
  resource: null,
  message: 'Password never expires on an enabled account',
  evidence: { userAccountControl: 66048 },
  explain: ['userAccountControl has DONT_EXPIRE_PASSWORD (0x10000)'],
  state: {
    status: 'open',
    firstSeenAt: new Date('2026-11-01T02:00:00Z'),
    lastSeenAt: new Date('2026-11-15T02:00:00Z'),
    reopenedCount: 0,
    decidedBy: null,
    decidedAt: null,
    reason: null,
    acceptedUntil: null,
  },
} as FindingWithState;

describe(ShowFinding.name, () => {
  const input = ShowFinding.definition.input;
  let asked: string[];
  let sut: ShowFinding;

  beforeEach(() => {
    asked = [];
    const query: Pick<FindingsQueryService, 'one'> = {
      one: async (id) => (asked.push(id), id === 'f-42' ? { asOf: '2026-11-15T02:00:00.000Z', policyVersion: 'v1', finding } : null),
    };
    sut = new ShowFinding(fakeOf<FindingsQueryService>(query), (name) => (name === 'corp-ad' ? 'ad' : null));
  });

  it('needs the ability to read findings', () => {
    expect(ShowFinding.definition).toMatchObject({ name: 'show-finding', ability: ['read', 'Finding'] });
  });

  it('takes an id and a language, English by default, and refuses another language or an empty id', () => {
    expect(parsedBy(input, { id: ' f-42 ' })).toEqual({ id: 'f-42', lang: 'en' });
    expect(parsedBy(input, { id: 'f-42', lang: 'fr' })).toEqual({ id: 'f-42', lang: 'fr' });
    expect(refusalsOf(input, { id: 'f-42', lang: 'de' })).toEqual(['lang: expected one of fr, en']);
    expect(refusalsOf(input, { id: '' })).toHaveLength(1);
  });

  it("serves the finding with its rule's texts in the language asked and its directory's kind", async () => {
    const shown = await sut.execute(parsedBy(input, { id: 'f-42', lang: 'fr' }));
    expect(asked).toEqual(['f-42']);
    expect(shown).toMatchObject({ asOf: '2026-11-15T02:00:00.000Z', policyVersion: 'v1', finding: { id: 'f-42' }, directoryKind: 'ad' });
    expect(shown.remediation).toMatchObject({ lang: 'fr', fix: { ad: expect.stringContaining('Set-ADUser -Identity <login> -PasswordNeverExpires $false') } });
    expect(shown.remediation!.why).toMatch(/mot de passe/);
  });

  it('answers an unknown id as not found, saying where the current ids are', async () => {
    await expect(sut.execute(parsedBy(input, { id: 'nope' }))).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringMatching(/^no current finding with id nope: `vigie findings list`/),
    });
  });
});
