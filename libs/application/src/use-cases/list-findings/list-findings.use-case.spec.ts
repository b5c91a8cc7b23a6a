import type { FindingFilter, FindingsPage, FindingsQueryService, Page } from '#vigie/audit';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ListFindings } from './list-findings.use-case.js';

describe(ListFindings.name, () => {
  const input = ListFindings.definition.input;
  let asked: Array<{ filter: FindingFilter; page: Page }>;
  let sut: ListFindings;

  beforeEach(() => {
    asked = [];
    const query: Pick<FindingsQueryService, 'current'> = {
      current: async (filter, page): Promise<FindingsPage> => {
        asked.push({ filter, page });
        return { asOf: '2026-11-15T02:00:00.000Z', policyVersion: 'a'.repeat(64), auditRunId: 'run-7', total: 0, ...page, findings: [] };
      },
    };
    sut = new ListFindings(fakeOf<FindingsQueryService>(query));
  });

  it('needs the ability to read findings', () => {
    expect(ListFindings.definition).toMatchObject({ name: 'list-findings', ability: ['read', 'Finding'] });
  });

  describe('its input', () => {
    it('takes lists as repeated values or comma-separated text, and a page of 50 from the start by default', () => {
      expect(parsedBy(input, { severity: 'high, critical', rule: ['H-GUEST', 'G-SOD,G-LEAVER'] })).toEqual({
        severity: ['high', 'critical'],
        rule: ['H-GUEST', 'G-SOD', 'G-LEAVER'],
        limit: 50,
        offset: 0,
      });
    });

    it('takes the page as text, as a query string gives it', () => {
      expect(parsedBy(input, { limit: '20', offset: '40' })).toMatchObject({ limit: 20, offset: 40 });
    });

    it('refuses an unknown severity or status, a malformed rule id, and a page out of bounds, naming each', () => {
      expect(refusalsOf(input, { rule: 'pwd-never-expires' })).toEqual(['rule.0: expected rule ids such as H-PWD-NEVER-EXPIRES']);
      expect(refusalsOf(input, { severity: 'urgent' })).toEqual(['severity.0: expected one of critical, high, medium, low, info']);
      expect(refusalsOf(input, { status: 'closed' })).toEqual(['status.0: expected one of open, acknowledged, risk-accepted, resolved']);
      expect(refusalsOf(input, { limit: 501, offset: -1 }).map((p) => p.replace(/:.*/, ''))).toEqual(['limit', 'offset']);
      expect(refusalsOf(input, { page: 2 })).toEqual(['unknown field(s) page']);
    });
  });

  it('asks for the current findings with the filter and the page apart', async () => {
    const page = await sut.execute(
      parsedBy(input, { severity: 'critical', status: 'open', directory: 'corp-ad', login: 'jdupont', limit: '10', offset: '20' }),
    );
    expect(asked).toEqual([{ filter: { severity: ['critical'], status: ['open'], directory: 'corp-ad', login: 'jdupont' }, page: { limit: 10, offset: 20 } }]);
    expect(page).toMatchObject({ auditRunId: 'run-7', limit: 10, offset: 20 });
  });
});
