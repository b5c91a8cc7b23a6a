import type { TrailPage, TrailQuery, TrailQueryService } from '#vigie/trail';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { QueryTrail } from './query-trail.use-case.js';

describe(QueryTrail.name, () => {
  const input = QueryTrail.definition.input;
  let asked: TrailQuery[];
  let sut: QueryTrail;

  beforeEach(() => {
    asked = [];
    const trail: Pick<TrailQueryService, 'list'> = {
      list: async (q): Promise<TrailPage> => {
        asked.push(q);
        return { entries: [], nextCursor: 'c-2' };
      },
    };
    sut = new QueryTrail(fakeOf<TrailQueryService>(trail));
  });

  it('needs the ability to read the audit log', () => {
    expect(QueryTrail.definition).toMatchObject({ name: 'query-trail', ability: ['read', 'AuditLog'] });
  });

  describe('its input', () => {
    it('takes an action or a prefix of actions, times as ISO 8601 text, a page of 50 by default', () => {
      expect(parsedBy(input, { action: 'auth.*', from: '2026-05-01' })).toEqual({ action: 'auth.*', from: new Date('2026-05-01T00:00:00Z'), limit: 50 });
      expect(parsedBy(input, { action: 'finding.risk-accepted', limit: '200' })).toMatchObject({ action: 'finding.risk-accepted', limit: 200 });
    });

    it('refuses an action that is not one, saying what one looks like', () => {
      for (const action of ['Auth.failed', 'auth.*.x', '*', "auth' OR 1=1"]) {
        expect(refusalsOf(input, { action })).toEqual(['action: expected an action such as auth.failed, or a prefix such as auth.*']);
      }
    });

    it('refuses a range that ends before it starts, an unknown kind, and a page out of bounds', () => {
      expect(refusalsOf(input, { from: '2026-05-02', to: '2026-05-01' })).toEqual(['from: must not be after to']);
      expect(refusalsOf(input, { kind: 'audit' })).toEqual([expect.stringMatching(/^kind: /)]);
      expect(refusalsOf(input, { limit: '1000' })).toEqual([expect.stringMatching(/^limit: /)]);
      expect(refusalsOf(input, { offset: 10 })).toEqual(['unknown field(s) offset']);
    });
  });

  it('asks the trail with the parsed query and answers its page with the next cursor', async () => {
    const page = await sut.execute(parsedBy(input, { actor: 'jdupont', target: 'share-finance', kind: 'change', cursor: 'c-1', limit: '10' }));
    expect(asked).toEqual([{ actor: 'jdupont', target: 'share-finance', kind: 'change', cursor: 'c-1', limit: 10 }]);
    expect(page).toEqual({ entries: [], nextCursor: 'c-2' });
  });
});
