import { VigieError } from '#vigie/common';
import { apiTokensWorld, parsedBy, refusalsOf } from '../../testing/index.js';
import { RevokeToken } from './revoke-token.use-case.js';

describe(RevokeToken.name, () => {
  const input = RevokeToken.definition.input;
  let world: ReturnType<typeof apiTokensWorld>;
  let sut: RevokeToken;

  beforeEach(() => {
    world = apiTokensWorld();
    sut = new RevokeToken(world.tokens);
  });

  it('needs the ability to update API tokens (an admin’s)', () => {
    expect(RevokeToken.definition).toMatchObject({ name: 'revoke-token', ability: ['update', 'ApiToken'] });
  });

  it('refuses what is not a token id, saying where to find one', () => {
    expect(refusalsOf(input, { id: 'grafana' })).toEqual(['id: expected a token id, as `vigie token list` shows it']);
    expect(refusalsOf(input, { id: 'vig_' + 'a'.repeat(43) })).toEqual(['id: expected a token id, as `vigie token list` shows it']);
  });

  it('revokes the token and records it in the same transaction', async () => {
    const { record } = await world.tokens.create({ name: 'grafana', role: 'auditor' });
    const out = await sut.execute(parsedBy(input, { id: record.id }));
    expect(out).toEqual({ id: record.id });
    expect(world.store.rows[0]!.revokedAt).toBeInstanceOf(Date);
    expect(world.committed.actions).toEqual(['api-token.created', 'api-token.revoked']);
  });

  it('says an unknown id is not found, pointing at the token list, and records nothing', async () => {
    const id = '3f1c2a4e-8b7d-4c6a-9e2f-1a2b3c4d5e6f';
    const err = await sut.execute(parsedBy(input, { id })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VigieError);
    expect(err).toMatchObject({ kind: 'not-found', message: `no active token with id ${id}: see \`vigie token list\`` });
    expect(world.committed.inputs).toEqual([]);
  });

  it('says a token revoked already is not found: there is no active one to revoke', async () => {
    const { record } = await world.tokens.create({ name: 'grafana', role: 'auditor' });
    await sut.execute(parsedBy(input, { id: record.id }));
    await expect(sut.execute(parsedBy(input, { id: record.id }))).rejects.toMatchObject({ kind: 'not-found' });
    expect(world.committed.actions).toEqual(['api-token.created', 'api-token.revoked']);
  });
});
