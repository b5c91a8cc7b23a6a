import { hashToken } from '#vigie/access-control';
import { apiTokensWorld, parsedBy, refusalsOf } from '../../testing/index.js';
import { CreateToken } from './create-token.use-case.js';

describe(CreateToken.name, () => {
  const input = CreateToken.definition.input;
  let world: ReturnType<typeof apiTokensWorld>;
  let sut: CreateToken;

  beforeEach(() => {
    world = apiTokensWorld();
    sut = new CreateToken(world.tokens);
  });

  it('needs the ability to create API tokens (an admin’s)', () => {
    expect(CreateToken.definition).toMatchObject({ name: 'create-token', ability: ['create', 'ApiToken'] });
  });

  describe('its input', () => {
    it('names the token "cli" by default and takes the days as text (a flag’s value)', () => {
      expect(parsedBy(input, { role: 'auditor', expiresInDays: '30' })).toEqual({ name: 'cli', role: 'auditor', expiresInDays: 30 });
    });

    it('refuses a number of days that is not a positive whole number, saying so', () => {
      expect(refusalsOf(input, { role: 'auditor', expiresInDays: '0' })).toEqual(['expiresInDays: expected a positive number of days']);
      expect(refusalsOf(input, { role: 'auditor', expiresInDays: 1.5 })).toEqual(['expiresInDays: expected a whole number of days']);
    });

    it('refuses an input without a role, and unknown fields', () => {
      expect(refusalsOf(input, { name: 'ci' })).toEqual([expect.stringMatching(/^role: /)]);
      expect(refusalsOf(input, { role: 'auditor', scopes: ['read'] })).toEqual(['unknown field(s) scopes']);
    });
  });

  it('makes a token shown once and kept as a digest, and records its creation in the same transaction', async () => {
    const { token, record } = await sut.execute(parsedBy(input, { name: 'grafana', role: 'auditor', expiresInDays: 30 }));
    expect(token).toMatch(/^vig_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: 'grafana', role: 'auditor', revokedAt: null });
    expect(record.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(world.store.rows).toEqual([expect.objectContaining({ id: record.id, tokenHash: hashToken(token) })]);
    expect(JSON.stringify(world.store.rows)).not.toContain(token);
    expect(world.uow.counts).toMatchObject({ runs: 1, commits: 1 });
    expect(world.committed.inputs).toEqual([
      expect.objectContaining({ action: 'api-token.created', target: { type: 'api-token', id: record.id }, personal: { name: 'grafana' } }),
    ]);
  });

  it('makes a token that never expires when no days are given', async () => {
    const { record } = await sut.execute(parsedBy(input, { role: 'security-officer' }));
    expect(record).toMatchObject({ name: 'cli', role: 'security-officer', expiresAt: null });
  });

  it('refuses an unknown role as invalid input naming the roles, and creates nothing', async () => {
    await expect(sut.execute(parsedBy(input, { role: 'root' }))).rejects.toMatchObject({
      kind: 'invalid-input',
      message: 'unknown role "root": expected one of admin, security-officer, auditor',
    });
    expect(world.store.rows).toEqual([]);
    expect(world.committed.inputs).toEqual([]);
  });
});
