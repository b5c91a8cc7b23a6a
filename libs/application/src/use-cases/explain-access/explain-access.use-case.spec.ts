import type { EffectiveAccessService, ExplanationView } from '#vigie/access';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { ExplainAccess } from './explain-access.use-case.js';

describe(ExplainAccess.name, () => {
  const input = ExplainAccess.definition.input;
  let asked: unknown[][];
  let sut: ExplainAccess;

  beforeEach(() => {
    asked = [];
    const access: Pick<EffectiveAccessService, 'explain'> = {
      explain: async (id, resourceId, options = {}): Promise<ExplanationView> => {
        asked.push([id, resourceId, options]);
        return {
          query: id,
          resource: { id: resourceId, type: 'share', name: '\\\\fs01\\Finance', criticality: 'critical', owner: 'E1001', personalData: ['financial'] },
          policyVersion: 'a'.repeat(64),
          grants: [],
          accounts: [],
        };
      },
    };
    sut = new ExplainAccess(fakeOf<EffectiveAccessService>(access));
  });

  it('needs the ability to read access', () => {
    expect(ExplainAccess.definition).toMatchObject({ name: 'explain-access', ability: ['read', 'Access'] });
  });

  it('refuses a blank identity or resource, saying what to give', () => {
    expect(refusalsOf(input, { identity: '  ', resource: 'share-finance' })).toEqual(['identity: give a login, an employee id or a DN']);
    expect(refusalsOf(input, { identity: 'jdupont', resource: '' })).toEqual(['resource: give a resource id of the policy']);
    expect(refusalsOf(input, { identity: 'jdupont', resource: 'share-finance', directory: '' })).toEqual([expect.stringMatching(/^directory: /)]);
    expect(refusalsOf(input, { identity: 'jdupont', resource: 'share-finance', level: 'write' })).toEqual(['unknown field(s) level']);
  });

  it('asks how the identity reaches the resource, trimmed, in the directory named', async () => {
    const view = await sut.execute(parsedBy(input, { identity: ' jdupont ', resource: 'share-finance ', directory: 'corp-ad' }));
    expect(asked).toEqual([['jdupont', 'share-finance', { directory: 'corp-ad' }]]);
    expect(view).toMatchObject({ query: 'jdupont', resource: { id: 'share-finance' } });
  });

  it('asks in every directory when none is named', async () => {
    await sut.execute(parsedBy(input, { identity: 'E1042', resource: 'share-finance' }));
    expect(asked).toEqual([['E1042', 'share-finance', { directory: undefined }]]);
  });
});
