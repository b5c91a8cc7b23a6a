import { parsedBy, refusalsOf } from '../../testing/index.js';
import { ShowResource } from './show-resource.use-case.js';

describe(ShowResource.name, () => {
  const input = ShowResource.definition.input;
  const hr = { id: 'share-hr', type: 'share', name: 'HR', criticality: 'high', owner: 'E100', personalData: ['health'] };
  const sut = new ShowResource({ resourceCatalogue: async () => ({ policyVersion: 'v1', resources: [hr] }) });

  it('needs the ability to read access', () => {
    expect(ShowResource.definition).toMatchObject({ name: 'show-resource', ability: ['read', 'Access'] });
  });

  it('answers the resource of the policy, by its exact id', async () => {
    expect(await sut.execute(parsedBy(input, { resource: ' share-hr ' }))).toEqual({ policyVersion: 'v1', resource: hr });
  });

  it('answers an unknown id as not found, saying where to list them', async () => {
    await expect(sut.execute(parsedBy(input, { resource: 'share-HR' }))).rejects.toMatchObject({
      kind: 'not-found',
      message: "the policy has no resource 'share-HR': list them with GET /api/resources",
    });
  });

  it('refuses a blank id and unknown fields', () => {
    expect(refusalsOf(input, { resource: ' ' })).toEqual(['resource: give a resource id of the policy']);
    expect(refusalsOf(input, { resource: 'share-hr', directory: 'corp' })).toEqual(['unknown field(s) directory']);
  });
});
