import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicKey } from 'node:crypto';
import { parsedBy, refusalsOf } from '../../testing/index.js';
import { GenerateTrailKeys } from './generate-trail-keys.use-case.js';

describe(GenerateTrailKeys.name, () => {
  const input = GenerateTrailKeys.definition.input;
  const sut = new GenerateTrailKeys();
  let dir: string;

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vigie-trail-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const files = () => ({ signingKeyFile: join(dir, 'keys', 'trail-signing.pem'), pseudonymKeyFile: join(dir, 'keys', 'trail-pseudonym.key') });

  it('is for system actors only (the operator at the server): it declares no ability', () => {
    expect(GenerateTrailKeys.definition.name).toBe('generate-trail-keys');
    expect(GenerateTrailKeys.definition.ability).toBeUndefined();
  });

  it('writes the keys where the service looks for them by default', () => {
    expect(parsedBy(input, {})).toEqual({ signingKeyFile: '.vigie/keys/trail-signing.pem', pseudonymKeyFile: '.vigie/keys/trail-pseudonym.key' });
    expect(refusalsOf(input, { signingKeyFile: '' })).toEqual([expect.stringMatching(/^signingKeyFile: /)]);
    expect(refusalsOf(input, { force: true })).toEqual(['unknown field(s) force']);
  });

  it('creates both keys in new files readable by their owner only, and answers the public key to keep elsewhere', async () => {
    const out = await sut.execute(parsedBy(input, files()));
    for (const file of Object.values(files())) expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(files().signingKeyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(out.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(createPublicKey(out.publicKeyPem).asymmetricKeyType).toBe('ed25519');
  });

  it('makes new keys each time: no two key ids alike', async () => {
    const first = await sut.execute(parsedBy(input, files()));
    const other = { signingKeyFile: join(dir, 'other.pem'), pseudonymKeyFile: join(dir, 'other.key') };
    const second = await sut.execute(parsedBy(input, other));
    expect(second.keyId).not.toBe(first.keyId);
  });

  it('never overwrites a key: a conflict that says what to do', async () => {
    const paths = files();
    await sut.execute(parsedBy(input, paths));
    const before = readFileSync(paths.signingKeyFile, 'utf8');
    await expect(sut.execute(parsedBy(input, paths))).rejects.toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('already exists: Vigie never overwrites a trail key'),
    });
    expect(readFileSync(paths.signingKeyFile, 'utf8')).toBe(before);
  });

  it('writes neither key when only the pseudonym key exists already', async () => {
    const paths = { signingKeyFile: join(dir, 'signing.pem'), pseudonymKeyFile: join(dir, 'pseudonym.key') };
    writeFileSync(paths.pseudonymKeyFile, 'kept');
    await expect(sut.execute(parsedBy(input, paths))).rejects.toMatchObject({ kind: 'conflict' });
    expect(() => statSync(paths.signingKeyFile)).toThrow(/ENOENT/);
  });
});
