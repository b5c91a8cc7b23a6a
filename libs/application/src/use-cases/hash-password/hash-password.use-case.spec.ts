import { BreakGlassAccount } from '#vigie/access-control';
import { refusalsOf } from '../../testing/index.js';
import { HashPassword } from './hash-password.use-case.js';

describe(HashPassword.name, () => {
  it('makes an argon2id hash the break-glass account verifies, different each time (salted)', async () => {
    const password = 'a passphrase for the safe, 2026';
    const { hash } = await new HashPassword().execute({ password });
    expect(hash).toMatch(/^\$argon2id\$v=19\$/);
    expect(hash.split('$')[3]!.split(',').sort()).toEqual(['m=19456', 'p=1', 't=2']);
    expect((await new HashPassword().execute({ password })).hash).not.toBe(hash);
    const account = new BreakGlassAccount({ enabled: true, login: 'vigie-break-glass', passwordHash: hash });
    expect(await account.verify('vigie-break-glass', password)).toBe(true);
    expect(await account.verify('vigie-break-glass', `${password}!`)).toBe(false);
  });

  it('refuses a short password without echoing it', () => {
    const problems = refusalsOf(HashPassword.definition.input, { password: 'hunter2' });
    expect(problems).toEqual([expect.stringMatching(/^password: expected a passphrase of at least 16 characters/)]);
    expect(problems.join()).not.toContain('hunter2');
  });
});
