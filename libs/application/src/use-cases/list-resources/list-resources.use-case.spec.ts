import type { ResourceSummary } from '#vigie/access';
import { parsedBy, refusalsOf } from '../../testing/index.js';
import { ListResources } from './list-resources.use-case.js';

describe(ListResources.name, () => {
  const input = ListResources.definition.input;
  const resource = (id: string, more: Partial<ResourceSummary> = {}): ResourceSummary => ({
    id,
    type: 'share',
    name: id.toUpperCase(),
    criticality: null,
    owner: null,
    personalData: null,
    ...more,
  });
  const catalogue = [
    resource('share-hr', { criticality: 'high', personalData: ['health'] }),
    resource('app-crm', { type: 'application', criticality: 'medium', personalData: ['contact'] }),
    resource('share-finance', { criticality: 'high', name: 'Finance shared drive' }),
    resource('share-common'),
  ];
  const sut = new ListResources({ resourceCatalogue: async () => ({ policyVersion: 'v1', resources: catalogue }) });
  const ids = async (query: Record<string, string>) => (await sut.execute(parsedBy(input, query))).items.map((r) => r.id);

  it('needs the ability to read access', () => {
    expect(ListResources.definition).toMatchObject({ name: 'list-resources', ability: ['read', 'Access'] });
  });

  it('lists every resource by id, with the policy version', async () => {
    const page = await sut.execute(parsedBy(input, {}));
    expect(page).toEqual({ policyVersion: 'v1', items: expect.any(Array), nextCursor: null });
    expect(page.items.map((r) => r.id)).toEqual(['app-crm', 'share-common', 'share-finance', 'share-hr']);
  });

  it('filters by part of the id or name, type, criticality and personal data, any case', async () => {
    expect(await ids({ q: 'DRIVE' })).toEqual(['share-finance']);
    expect(await ids({ q: 'share-' })).toEqual(['share-common', 'share-finance', 'share-hr']);
    expect(await ids({ type: 'Application' })).toEqual(['app-crm']);
    expect(await ids({ criticality: 'high,medium' })).toEqual(['app-crm', 'share-finance', 'share-hr']);
    expect(await ids({ personalData: 'true' })).toEqual(['app-crm', 'share-hr']);
    expect(await ids({ personalData: 'false', criticality: 'high' })).toEqual(['share-finance']);
  });

  it('pages with a cursor that neither repeats nor skips a resource', async () => {
    const first = await sut.execute(parsedBy(input, { limit: '3' }));
    expect(first.items.map((r) => r.id)).toEqual(['app-crm', 'share-common', 'share-finance']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await sut.execute(parsedBy(input, { limit: '3', cursor: first.nextCursor! }));
    expect(second).toMatchObject({ items: [{ id: 'share-hr' }], nextCursor: null });
  });

  it('refuses a cursor it did not give, a bad filter and an unknown field', async () => {
    await expect(sut.execute(parsedBy(input, { cursor: 'not-a-cursor' }))).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringMatching(/^cursor: /),
    });
    expect(refusalsOf(input, { personalData: 'yes' })).toEqual(['personalData: give true or false']);
    expect(refusalsOf(input, { limit: '0' })).toEqual([expect.stringMatching(/^limit: /)]);
    expect(refusalsOf(input, { owner: 'x' })).toEqual(['unknown field(s) owner']);
  });
});
