import type { EffectiveAccessService, IdentityAccessView } from '#vigie/access';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { IdentityAccess } from './identity-access.use-case.js';

describe(IdentityAccess.name, () => {
  const input = IdentityAccess.definition.input;
  let asked: unknown[][];
  let sut: IdentityAccess;

  beforeEach(() => {
    asked = [];
    const access: Pick<EffectiveAccessService, 'identityAccess'> = {
      identityAccess: async (id, options = {}): Promise<IdentityAccessView> => {
        asked.push([id, options]);
        return { query: id, policyVersion: 'a'.repeat(64), accounts: [] };
      },
    };
    sut = new IdentityAccess(fakeOf<EffectiveAccessService>(access));
  });

  it('needs the ability to read access', () => {
    expect(IdentityAccess.definition).toMatchObject({ name: 'identity-access', ability: ['read', 'Access'] });
  });

  it('refuses a blank identity, saying what to give, and unknown fields', () => {
    expect(refusalsOf(input, { identity: ' ' })).toEqual(['identity: give a login, an employee id or a DN']);
    expect(refusalsOf(input, { identity: 'jdupont', resource: 'share-finance' })).toEqual(['unknown field(s) resource']);
    expect(refusalsOf(input, { identity: 'jdupont', directory: 'x'.repeat(65) })).toEqual([expect.stringMatching(/^directory: /)]);
  });

  it('asks what the identity reaches, trimmed, in the directory named', async () => {
    const view = await sut.execute(parsedBy(input, { identity: 'CN=Jean Dupont,OU=Finance,DC=corp,DC=example ', directory: 'corp-ad' }));
    expect(asked).toEqual([['CN=Jean Dupont,OU=Finance,DC=corp,DC=example', { directory: 'corp-ad' }]]);
    expect(view.query).toBe('CN=Jean Dupont,OU=Finance,DC=corp,DC=example');
  });
});
