import type { EffectiveAccessService, IdentityAccessView } from '#vigie/access';
import { aCliOperator, aPersonActor, aTokenActor, contextOf, fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { IdentityAccess } from './identity-access.use-case.js';

describe(IdentityAccess.name, () => {
  const input = IdentityAccess.definition.input;
  let asked: unknown[][];
  let visible: ((account: { directory: string; dn: string }) => boolean) | undefined;
  let sut: IdentityAccess;

  beforeEach(() => {
    asked = [];
    const access: Pick<EffectiveAccessService, 'identityAccess'> = {
      identityAccess: async (id, options = {}): Promise<IdentityAccessView> => {
        asked.push([id, { directory: options.directory }]);
        visible = options.visible;
        return { query: id, policyVersion: 'a'.repeat(64), accounts: [] };
      },
    };
    sut = new IdentityAccess(fakeOf<EffectiveAccessService>(access));
  });

  it('needs the ability to read access', () => {
    // It checks each account against the caller's conditions: an employee's conditional rule is enough to run it.
    expect(IdentityAccess.definition).toMatchObject({ name: 'identity-access', ability: ['read', 'Access'], checksConditions: true });
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

  it('shows every identity to the system and to staff who read everyone’s access', async () => {
    for (const actor of [aCliOperator(), aTokenActor('auditor'), aPersonActor('dave', ['employee', 'security-officer'])]) {
      await sut.execute(parsedBy(input, { identity: 'bob' }), contextOf(actor));
      expect(visible).toBeUndefined();
    }
  });

  it('shows an employee their own accounts only, whatever the DN’s spelling', async () => {
    await sut.execute(parsedBy(input, { identity: 'bob' }), contextOf(aPersonActor('bob', ['employee'])));
    expect(visible).toBeDefined();
    expect(visible!({ directory: 'corp', dn: 'UID=bob, ou=People,dc=acme,DC=test' })).toBe(true);
    expect(visible!({ directory: 'corp', dn: 'uid=dave,ou=people,dc=acme,dc=test' })).toBe(false);
    expect(visible!({ directory: 'corp-ad', dn: 'uid=bob,ou=people,dc=acme,dc=test' })).toBe(false);
  });
});
