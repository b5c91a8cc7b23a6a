import { parsedBy, refusalsOf } from '../../testing/index.js';
import { ListReports } from './list-reports.use-case.js';

describe(ListReports.name, () => {
  it('needs the ability to read reports and takes a page', () => {
    expect(ListReports.definition).toMatchObject({ name: 'list-reports', ability: ['read', 'Report'] });
    expect(parsedBy(ListReports.definition.input, {})).toEqual({ limit: 50, offset: 0 });
    expect(refusalsOf(ListReports.definition.input, { limit: '0' })).toHaveLength(1);
  });

  it('answers the page the store gives, with the page asked for', async () => {
    const asked: unknown[] = [];
    const sut = new ListReports({ list: async (page) => (asked.push(page), { reports: [], total: 7 }) });
    expect(await sut.execute({ limit: 5, offset: 5 })).toEqual({ reports: [], total: 7, limit: 5, offset: 5 });
    expect(asked).toEqual([{ limit: 5, offset: 5 }]);
  });
});
