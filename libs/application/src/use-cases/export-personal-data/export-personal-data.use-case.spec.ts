import { type GdprService, type KnownForms, type SubjectAccessReport, UnknownDataSubjectError } from '#vigie/gdpr';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ExportPersonalData } from './export-personal-data.use-case.js';

describe(ExportPersonalData.name, () => {
  const input = ExportPersonalData.definition.input;
  let asked: string[];
  let given: KnownForms[];
  let sut: ExportPersonalData;

  beforeEach(() => {
    asked = [];
    given = [];
    const gdpr: Pick<GdprService, 'export'> = {
      export: async (query, known = {}): Promise<SubjectAccessReport> => {
        asked.push(query);
        given.push(known);
        if (query === 'nobody') throw new UnknownDataSubjectError(query);
        return {
          generatedAt: '2026-05-04T09:30:00.000Z',
          request: query,
          identity: { employeeIds: ['E1042'], logins: ['jdupont'], displayNames: ['Jean Dupont'], mails: [], dns: [], pseudonyms: ['p:0123456789abcdef'] },
          erasure: null,
          heldIn: {},
          accounts: [],
          memberships: [],
          effectiveAccess: [],
          notes: [],
          findings: [],
          trail: [],
        };
      },
    };
    sut = new ExportPersonalData(fakeOf<GdprService>(gdpr));
  });

  it('is for system actors only (the data protection officer at the command line): it declares no ability', () => {
    expect(ExportPersonalData.definition.name).toBe('export-personal-data');
    expect(ExportPersonalData.definition.ability).toBeUndefined();
  });

  it('refuses a blank person, saying what to give', () => {
    expect(refusalsOf(input, { person: '   ' })).toEqual(['person: give the employee id or login of the person']);
    expect(refusalsOf(input, {})).toEqual([expect.stringMatching(/^person: /)]);
    expect(refusalsOf(input, { person: 'E1042', format: 'pdf' })).toEqual(['unknown field(s) format']);
  });

  it('exports what Vigie holds about the person asked for, trimmed', async () => {
    const report = await sut.execute(parsedBy(input, { person: ' E1042 ' }));
    expect(asked).toEqual(['E1042']);
    await sut.execute(parsedBy(input, { person: 'E1042', names: ['Jean Dupont'], mails: ['jean.dupont@acme.test'] }));
    expect(given).toEqual([
      { names: [], mails: [] },
      { names: ['Jean Dupont'], mails: ['jean.dupont@acme.test'] },
    ]);
    expect(report).toMatchObject({ request: 'E1042', identity: { logins: ['jdupont'] } });
  });

  it('says a person Vigie holds nothing about is not found', async () => {
    await expect(sut.execute(parsedBy(input, { person: 'nobody' }))).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('Vigie holds nothing about "nobody"'),
    });
  });
});
