import { isVigieError } from '#vigie/common';
import { parsedBy } from '../../testing/index.js';
import { DescribeScimService } from './describe-scim-service.use-case.js';

describe(DescribeScimService.name, () => {
  const sut = new DescribeScimService('https://vigie.acme.test/scim/v2', 'https://vigie.acme.test/api/docs');
  const describeIt = (input: Record<string, unknown>) => sut.execute(parsedBy(DescribeScimService.definition.input, input as never));

  it('announces what Vigie supports and holds to, where its documentation is', async () => {
    expect(await describeIt({ document: 'ServiceProviderConfig' })).toMatchObject({
      documentationUri: 'https://vigie.acme.test/api/docs',
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 100, maxPayloadSize: 1_048_576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      meta: { location: 'https://vigie.acme.test/scim/v2/ServiceProviderConfig' },
    });
  });

  it('lists the User schema and its enterprise extension, and the User resource type, each also by id', async () => {
    const schemas = await describeIt({ document: 'Schemas' });
    expect(schemas).toMatchObject({ totalResults: 2, Resources: [{ id: 'urn:ietf:params:scim:schemas:core:2.0:User' }, { name: 'EnterpriseUser' }] });
    expect(await describeIt({ document: 'Schemas', id: 'urn:ietf:params:scim:schemas:core:2.0:User' })).toMatchObject({ name: 'User' });
    expect(await describeIt({ document: 'ResourceTypes' })).toMatchObject({ totalResults: 1, Resources: [{ id: 'User', endpoint: '/Users' }] });
    expect(await describeIt({ document: 'ResourceTypes', id: 'User' })).toMatchObject({ schema: 'urn:ietf:params:scim:schemas:core:2.0:User' });
    const missing = await describeIt({ document: 'ResourceTypes', id: 'Group' }).catch((e: unknown) => e);
    expect(isVigieError(missing) && missing.kind).toBe('not-found');
  });
});
