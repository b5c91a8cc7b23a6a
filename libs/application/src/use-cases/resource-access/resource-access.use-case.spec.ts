import type { EffectiveAccessService, ResourceAccessView } from '#vigie/access';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ResourceAccess } from './resource-access.use-case.js';

describe(ResourceAccess.name, () => {
  const input = ResourceAccess.definition.input;
  let asked: unknown[][];
  let sut: ResourceAccess;

  beforeEach(() => {
    asked = [];
    const access: Pick<EffectiveAccessService, 'resourceAccess'> = {
      resourceAccess: async (resourceId, options = {}): Promise<ResourceAccessView> => {
        asked.push([resourceId, options]);
        return {
          resource: { id: resourceId, type: 'share', name: '\\\\fs01\\Finance', criticality: 'critical', owner: 'E1001', personalData: ['financial'] },
          policyVersion: 'a'.repeat(64),
          grants: [],
          openTo: [],
          total: 0,
          limit: options.limit ?? 50,
          offset: options.offset ?? 0,
          holders: [],
        };
      },
    };
    sut = new ResourceAccess(fakeOf<EffectiveAccessService>(access));
  });

  it('needs the ability to read access', () => {
    expect(ResourceAccess.definition).toMatchObject({ name: 'resource-access', ability: ['read', 'Access'] });
  });

  it('refuses a blank resource, saying what to give, and a page out of bounds', () => {
    expect(refusalsOf(input, { resource: '' })).toEqual(['resource: give a resource id of the policy']);
    expect(refusalsOf(input, { resource: 'share-finance', limit: '0' })).toEqual([expect.stringMatching(/^limit: /)]);
    expect(refusalsOf(input, { resource: 'share-finance', limit: '10.5' })).toEqual([expect.stringMatching(/^limit: /)]);
    expect(refusalsOf(input, { resource: 'share-finance', identity: 'jdupont' })).toEqual(['unknown field(s) identity']);
  });

  it('asks who reaches the resource, a page of 50 from the start by default', async () => {
    await sut.execute(parsedBy(input, { resource: 'share-finance' }));
    expect(asked).toEqual([['share-finance', { limit: 50, offset: 0 }]]);
  });

  it('passes the directory and the page given as text (a query string)', async () => {
    const view = await sut.execute(parsedBy(input, { resource: 'share-finance', directory: 'corp-ad', limit: '5', offset: '10' }));
    expect(asked).toEqual([['share-finance', { directory: 'corp-ad', limit: 5, offset: 10 }]]);
    expect(view).toMatchObject({ resource: { id: 'share-finance' }, limit: 5, offset: 10 });
  });
});
