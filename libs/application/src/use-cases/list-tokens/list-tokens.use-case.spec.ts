import { apiTokensWorld, parsedBy, refusalsOf } from '../../testing/index.js';
import { ListTokens } from './list-tokens.use-case.js';

describe(ListTokens.name, () => {
  it('needs the ability to read API tokens (an admin’s)', () => {
    expect(ListTokens.definition).toMatchObject({ name: 'list-tokens', ability: ['read', 'ApiToken'] });
  });

  it('takes no input', () => {
    expect(parsedBy(ListTokens.definition.input, {})).toEqual({});
    expect(refusalsOf(ListTokens.definition.input, { role: 'admin' })).toEqual(['unknown field(s) role']);
  });

  it('lists every token, revoked ones too, never a secret nor its digest', async () => {
    const world = apiTokensWorld();
    const sut = new ListTokens(world.tokens);
    const kept = await world.tokens.create({ name: 'grafana', role: 'auditor' });
    const revoked = await world.tokens.create({ name: 'old-ci', role: 'security-officer', expiresInDays: 7 });
    await world.tokens.revoke(revoked.record.id);
    const list = await sut.execute();
    expect(list.map((t) => [t.name, t.role, t.revokedAt === null])).toEqual([
      ['grafana', 'auditor', true],
      ['old-ci', 'security-officer', false],
    ]);
    const text = JSON.stringify(list);
    expect(text).not.toContain(kept.token);
    expect(text).not.toMatch(/tokenHash|[0-9a-f]{64}/);
  });
});
