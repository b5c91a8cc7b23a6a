import type { AccountSearch, AccountSearchPage, AccountSearchQuery, AccountSummary } from '#vigie/identity';
import { aCliOperator, aPersonActor, aTokenActor, contextOf, fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { SearchIdentities } from './search-identities.use-case.js';

describe(SearchIdentities.name, () => {
  const input = SearchIdentities.definition.input;
  let asked: AccountSearchQuery[];
  let found: AccountSummary[];
  let sut: SearchIdentities;

  const account = (login: string, directory = 'corp'): AccountSummary => ({
    directory,
    dn: `uid=${login},ou=people,dc=acme,dc=test`,
    kind: 'user',
    login,
    displayName: login,
    employeeId: null,
    enabled: true,
  });

  beforeEach(() => {
    asked = [];
    found = [account('bob'), account('dave')];
    const search: Pick<AccountSearch, 'search'> = {
      search: async (query): Promise<AccountSearchPage> => {
        asked.push(query);
        return { items: found, nextCursor: 'next' };
      },
    };
    sut = new SearchIdentities(fakeOf<AccountSearch>(search));
  });

  it('needs the ability to read access, and checks each account against the caller’s conditions', () => {
    expect(SearchIdentities.definition).toMatchObject({ name: 'search-identities', ability: ['read', 'Access'], checksConditions: true });
  });

  it('takes the search, the directory and the page as query-string text, trimmed', async () => {
    await sut.execute(parsedBy(input, { q: ' dup ', directory: 'corp-ad', limit: '20', cursor: 'c1' }), contextOf(aCliOperator()));
    expect(asked).toEqual([{ q: 'dup', directory: 'corp-ad', limit: 20, cursor: 'c1' }]);
  });

  it('refuses a blank search, a page out of bounds and an unknown field', () => {
    expect(refusalsOf(input, { q: ' ' })).toEqual(['q: give the start of a login, a name, an employee id or a mail']);
    expect(refusalsOf(input, { limit: '501' })).toEqual([expect.stringMatching(/^limit: /)]);
    expect(refusalsOf(input, { login: 'bob' })).toEqual(['unknown field(s) login']);
  });

  it('finds anyone for the system and for staff who read everyone’s access', async () => {
    for (const actor of [aCliOperator(), aTokenActor('auditor'), aPersonActor('dave', ['employee', 'security-officer'])]) {
      const page = await sut.execute(parsedBy(input, { q: 'b' }), contextOf(actor));
      expect(page.items.map((a) => a.login)).toEqual(['bob', 'dave']);
    }
    expect(asked.every((q) => !q.only)).toBe(true);
  });

  it('finds an employee their own account only', async () => {
    found = [account('bob'), account('bob', 'corp-ad')];
    const page = await sut.execute(parsedBy(input, { q: 'b' }), contextOf(aPersonActor('bob', ['employee'])));
    expect(asked[0]!.only).toBeDefined();
    expect(page.items.map((a) => `${a.directory}:${a.login}`)).toEqual(['corp:bob']);
  });

  it('finds nobody for a token that may not read everyone’s access', async () => {
    expect(await sut.execute(parsedBy(input, { q: 'b' }), contextOf(aTokenActor('employee')))).toEqual({ items: [], nextCursor: null });
    expect(asked).toEqual([]);
  });
});
