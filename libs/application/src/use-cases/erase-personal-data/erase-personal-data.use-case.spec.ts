import { type ErasureResult, type GdprService, StillInDirectoryError } from '#vigie/gdpr';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ErasePersonalData } from './erase-personal-data.use-case.js';

const ERASED = { alreadyErased: false, erasedAt: '2026-12-07T09:00:00.000Z' };

describe(ErasePersonalData.name, () => {
  const input = ErasePersonalData.definition.input;
  let asked: Array<[string, { force?: boolean; reason?: string; names?: string[]; mails?: string[] }]>;
  let sut: ErasePersonalData;

  beforeEach(() => {
    asked = [];
    const gdpr: Pick<GdprService, 'erase'> = {
      // jdupont is still in corp-ad: the real service refuses to erase him unless forced.
      erase: async (query, options = {}): Promise<ErasureResult> => {
        asked.push([query, options]);
        if (query === 'jdupont' && !options.force) throw new StillInDirectoryError(query, ['corp-ad: jdupont']);
        return {
          pseudonym: 'p:0123456789abcdef',
          accounts: query === 'jdupont' ? 1 : 0,
          rows: { sync_account: 1 },
          trailEntries: 3,
          trailPersons: 1,
          ...ERASED,
        };
      },
    };
    sut = new ErasePersonalData(fakeOf<GdprService>(gdpr));
  });

  it('is for system actors only (the data protection officer at the command line): it declares no ability', () => {
    expect(ErasePersonalData.definition.name).toBe('erase-personal-data');
    expect(ErasePersonalData.definition.ability).toBeUndefined();
  });

  describe('its input', () => {
    it('does not force by default, and trims the person and the reason', () => {
      expect(parsedBy(input, { person: ' E1042 ', reason: ' ticket RGPD-12 ' })).toEqual({
        person: 'E1042',
        force: false,
        reason: 'ticket RGPD-12',
        names: [],
        mails: [],
      });
    });

    it('refuses a blank person, a blank or overlong reason, a force that is no boolean', () => {
      expect(refusalsOf(input, { person: '' })).toEqual(['person: give the employee id or login of the person']);
      expect(refusalsOf(input, { person: 'E1042', reason: '  ' })).toEqual([expect.stringMatching(/^reason: /)]);
      expect(refusalsOf(input, { person: 'E1042', reason: 'x'.repeat(2001) })).toEqual([expect.stringMatching(/^reason: /)]);
      expect(refusalsOf(input, { person: 'E1042', force: 'yes' })).toEqual([expect.stringMatching(/^force: /)]);
    });

    it('takes the names and mails the request gives, and refuses a mail that is none or a name too short to scrub', () => {
      expect(parsedBy(input, { person: 'E1042', names: [' Jean Dupont '], mails: ['jean.dupont@acme.test'] })).toMatchObject({
        names: ['Jean Dupont'],
        mails: ['jean.dupont@acme.test'],
      });
      expect(refusalsOf(input, { person: 'E1042', mails: ['jean.dupont'] })).toEqual(['mails.0: a mail address such as jean.dupont@example.com']);
      expect(refusalsOf(input, { person: 'E1042', names: ['JD'] })).toEqual(['names.0: a name of at least 3 characters']);
    });
  });

  it('erases the person with the reason given, and answers what was pseudonymised', async () => {
    const out = await sut.execute(parsedBy(input, { person: 'E2001', reason: 'ticket RGPD-12', names: ['Alice Durand'] }));
    expect(asked).toEqual([['E2001', { force: false, reason: 'ticket RGPD-12', names: ['Alice Durand'], mails: [] }]]);
    expect(out).toEqual({ pseudonym: 'p:0123456789abcdef', accounts: 0, rows: { sync_account: 1 }, trailEntries: 3, trailPersons: 1, ...ERASED });
  });

  it('lets the refusal of a person still in a directory through as a conflict, and forces when told', async () => {
    await expect(sut.execute(parsedBy(input, { person: 'jdupont' }))).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('pass --force'),
    });
    await expect(sut.execute(parsedBy(input, { person: 'jdupont', force: true }))).resolves.toMatchObject({ accounts: 1 });
    expect(asked.map(([, o]) => o.force)).toEqual([false, true]);
  });
});
