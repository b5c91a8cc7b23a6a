import { SqlParams } from './sql-params.js';

describe(SqlParams.name, () => {
  it('numbers placeholders in the order values are added, lists one placeholder per value', () => {
    const p = new SqlParams();
    const where = `run = ${p.add('r1')} AND rule IN (${p.list(['A', 'B'])}) AND login = ${p.add(null)}`;
    expect(where).toBe('run = $1 AND rule IN ($2, $3) AND login = $4');
    expect(p.values).toEqual(['r1', 'A', 'B', null]);
  });
});
