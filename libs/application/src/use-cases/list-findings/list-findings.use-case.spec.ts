import { encodeFindingsCursor, type FindingFilter, type FindingsPage, type FindingsPageRequest, type FindingsQueryService } from '#vigie/audit';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ListFindings } from './list-findings.use-case.js';

describe(ListFindings.name, () => {
  const input = ListFindings.definition.input;
  const cursor = { runId: '6f1c2a4e-8d3b-4c1e-9a57-0b2d4e6f8a10', severityRank: 1, rule: 'G-SOD', login: 'jdupont', id: 'f-42' };
  let asked: Array<{ filter: FindingFilter; page: FindingsPageRequest }>;
  let sut: ListFindings;

  beforeEach(() => {
    asked = [];
    const query: Pick<FindingsQueryService, 'current'> = {
      current: async (filter, page): Promise<FindingsPage> => {
        asked.push({ filter, page });
        return { asOf: '2026-11-15T02:00:00.000Z', policyVersion: 'a'.repeat(64), auditRunId: 'run-7', total: 0, ...page, nextCursor: null, findings: [] };
      },
    };
    sut = new ListFindings(fakeOf<FindingsQueryService>(query));
  });

  it('needs the ability to read findings', () => {
    expect(ListFindings.definition).toMatchObject({ name: 'list-findings', ability: ['read', 'Finding'] });
  });

  describe('its input', () => {
    it('takes lists as repeated values or comma-separated text, and a first page of 50 without a count by default', () => {
      expect(parsedBy(input, { severity: 'high, critical', rule: ['H-GUEST', 'G-SOD,g-leaver'] })).toEqual({
        severity: ['high', 'critical'],
        rule: ['H-GUEST', 'G-SOD', 'G-LEAVER'],
        limit: 50,
        offset: 0,
        total: false,
      });
    });

    it('takes the page and the count flag as text, as a query string gives them', () => {
      expect(parsedBy(input, { limit: '20', offset: '40', total: 'true' })).toMatchObject({ limit: 20, offset: 40, total: true });
    });

    it('takes back the cursor it gave, as the position it encodes', () => {
      expect(parsedBy(input, { cursor: encodeFindingsCursor(cursor) })).toMatchObject({ cursor });
    });

    it('refuses an unknown severity, status or rule id, naming the accepted values or the closest id', () => {
      expect(refusalsOf(input, { severity: 'urgent' })).toEqual(['severity.0: expected one of critical, high, medium, low, info']);
      expect(refusalsOf(input, { status: 'closed' })).toEqual(['status.0: expected one of open, acknowledged, risk-accepted, resolved']);
      expect(refusalsOf(input, { rule: 'H-BOGUS' })).toEqual([expect.stringMatching(/^rule\.0: unknown rule id H-BOGUS \(the ids of the rule catalogue/)]);
      expect(refusalsOf(input, { rule: 'H-GUEST,H-KRBTG' })).toEqual([expect.stringMatching(/^rule\.1: unknown rule id H-KRBTG; did you mean H-KRBTGT\?/)]);
      expect(refusalsOf(input, { rule: 'pwd-never-expires' })).toEqual([expect.stringMatching(/^rule\.0: unknown rule id PWD-NEVER-EXPIRES/)]);
    });

    it('refuses a page out of bounds, a cursor it did not give, a cursor with an offset, and an unknown field', () => {
      expect(refusalsOf(input, { limit: 501, offset: -1 }).map((p) => p.replace(/:.*/, ''))).toEqual(['limit', 'offset']);
      expect(refusalsOf(input, { cursor: 'bm90LWEtY3Vyc29y' })).toEqual([
        'cursor: not a cursor this API gave: pass nextCursor from the previous page as it is',
      ]);
      expect(refusalsOf(input, { cursor: encodeFindingsCursor({ ...cursor, runId: 'x' }) })).toHaveLength(1);
      expect(refusalsOf(input, { cursor: encodeFindingsCursor(cursor), offset: 50 })).toEqual([
        'offset: give either cursor or offset, not both (offset is deprecated: follow nextCursor)',
      ]);
      expect(refusalsOf(input, { total: 'yes' })).toEqual(['total: expected true or false']);
      expect(refusalsOf(input, { page: 2 })).toEqual(['unknown field(s) page']);
    });
  });

  it('asks for the current findings with the filter and the page apart', async () => {
    const page = await sut.execute(
      parsedBy(input, { severity: 'critical', status: 'open', directory: 'corp-ad', login: 'jdupont', limit: '10', offset: '20', total: 'true' }),
    );
    expect(asked).toEqual([
      {
        filter: { severity: ['critical'], status: ['open'], directory: 'corp-ad', login: 'jdupont' },
        page: { limit: 10, offset: 20, cursor: undefined, withTotal: true },
      },
    ]);
    expect(page).toMatchObject({ auditRunId: 'run-7', limit: 10, offset: 20 });
  });

  it('passes the search on as a filter, trimmed, and refuses an empty one', async () => {
    await sut.execute(parsedBy(input, { q: ' jdu ' }));
    expect(asked[0]!.filter).toEqual({ q: 'jdu' });
    expect(refusalsOf(input, { q: '  ' })).toEqual(['q: expected some text to search for']);
  });

  it('passes the cursor on as a position', async () => {
    await sut.execute(parsedBy(input, { cursor: encodeFindingsCursor(cursor), limit: '5' }));
    expect(asked[0]!.page).toEqual({ limit: 5, offset: 0, cursor, withTotal: false });
  });
});
