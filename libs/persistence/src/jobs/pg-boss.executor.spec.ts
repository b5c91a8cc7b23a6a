import { executorOn, singletonJobId } from './pg-boss.executor.js';

describe(executorOn.name, () => {
  const answering = (result: unknown) => executorOn({ query: async () => result });

  it("gives pg-boss the rows of a SELECT, and of an UPDATE's RETURNING out of the [rows, affected] pair", async () => {
    expect(await answering([{ id: 'a' }, { id: 'b' }]).executeSql('SELECT', [])).toEqual({ rows: [{ id: 'a' }, { id: 'b' }] });
    expect(await answering([[{ id: 'a' }], 1]).executeSql('UPDATE … RETURNING', [])).toEqual({ rows: [{ id: 'a' }] });
  });

  it('gives no rows for what answers none (several statements at once, DDL)', async () => {
    expect(await answering(undefined).executeSql('CREATE …; CREATE …', [])).toEqual({ rows: [] });
  });
});

describe(singletonJobId.name, () => {
  it('is a UUID that depends on the queue and the key only', () => {
    const id = singletonJobId('provision', 'request-1/step-2');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(singletonJobId('provision', 'request-1/step-2')).toBe(id);
    expect(singletonJobId('provision', 'request-1/step-3')).not.toBe(id);
    expect(singletonJobId('revoke', 'request-1/step-2')).not.toBe(id);
  });
});
