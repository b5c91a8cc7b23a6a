import type { DirectoryChangeHistory, DirectoryChangePage, DirectoryChangeQuery } from '#vigie/identity';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ListDirectoryChanges } from './list-directory-changes.use-case.js';

describe(ListDirectoryChanges.name, () => {
  const input = ListDirectoryChanges.definition.input;
  let asked: DirectoryChangeQuery[];
  let sut: ListDirectoryChanges;

  beforeEach(() => {
    asked = [];
    const history: Pick<DirectoryChangeHistory, 'changes'> = {
      changes: async (query): Promise<DirectoryChangePage> => {
        asked.push(query);
        return { items: [], nextCursor: null };
      },
    };
    sut = new ListDirectoryChanges(fakeOf<DirectoryChangeHistory>(history));
  });

  it('needs the ability to read sync runs', () => {
    expect(ListDirectoryChanges.definition).toMatchObject({ name: 'list-directory-changes', ability: ['read', 'SyncRun'] });
  });

  it('asks for a first page of 50 when given nothing', async () => {
    await sut.execute(parsedBy(input, {}));
    expect(asked).toEqual([{ limit: 50 }]);
  });

  it('passes the object, the time range, the kinds and actions and the cursor on, from query-string text', async () => {
    await sut.execute(
      parsedBy(input, {
        directory: 'corp',
        object: ' jdupont ',
        from: '2026-12-01',
        to: '2026-12-07T10:00:00Z',
        kind: 'object',
        action: 'added,removed',
        limit: '5',
        cursor: 'abc',
      }),
    );
    expect(asked).toEqual([
      {
        directory: 'corp',
        object: 'jdupont',
        from: new Date('2026-12-01T00:00:00Z'),
        to: new Date('2026-12-07T10:00:00Z'),
        kinds: ['object'],
        actions: ['added', 'removed'],
        limit: 5,
        cursor: 'abc',
      },
    ]);
  });

  it('refuses an unknown kind or action, a range that ends before it starts, a bad date, a page out of bounds and an unknown field', () => {
    expect(refusalsOf(input, { kind: 'entry' })).toEqual(['kind.0: expected one of object, membership']);
    expect(refusalsOf(input, { action: 'renamed' })).toEqual(['action.0: expected one of added, modified, moved, removed']);
    expect(refusalsOf(input, { from: '2026-12-07', to: '2026-12-01' })).toEqual(['from: must not be after to']);
    expect(refusalsOf(input, { from: 'yesterday' })).toEqual([expect.stringMatching(/^from: expected an ISO 8601 date/)]);
    expect(refusalsOf(input, { limit: '501' })).toEqual([expect.stringMatching(/^limit: /)]);
    expect(refusalsOf(input, { object: ' ' })).toEqual(['object: give a DN, a login or a name']);
    expect(refusalsOf(input, { login: 'x' })).toEqual(['unknown field(s) login']);
  });
});
