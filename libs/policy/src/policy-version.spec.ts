import { appendFile, cp, mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolicy } from './policy-loader.js';
import { computePolicyVersion, shortPolicyVersion } from './policy-version.js';

const acme = fileURLToPath(new URL('./__fixtures__/ok/acme', import.meta.url));
const bytes = (text: string) => new TextEncoder().encode(text);

describe(computePolicyVersion.name, () => {
  it('is a sha256 in hex, whatever the order the files are given in', () => {
    const a = { path: 'resources/a.yaml', bytes: bytes('a') };
    const b = { path: 'resources/b.yaml', bytes: bytes('b') };
    expect(computePolicyVersion([a, b])).toMatch(/^[0-9a-f]{64}$/);
    expect(computePolicyVersion([a, b])).toBe(computePolicyVersion([b, a]));
  });

  it('tells apart contents that only differ by where a file boundary falls', () => {
    expect(computePolicyVersion([{ path: 'a', bytes: bytes('bc') }])).not.toBe(computePolicyVersion([{ path: 'ab', bytes: bytes('c') }]));
  });

  it('shortens for display only', () => {
    expect(shortPolicyVersion('0123456789abcdef0123')).toBe('0123456789abcdef');
  });

  describe('of a loaded policy', () => {
    let scratch: string;
    beforeEach(async () => {
      scratch = await mkdtemp(join(tmpdir(), 'vigie-policy-version-'));
      await cp(acme, join(scratch, 'one'), { recursive: true });
      await cp(acme, join(scratch, 'elsewhere', 'two'), { recursive: true });
    });
    afterEach(() => rm(scratch, { recursive: true, force: true }));

    it('is the same for the same files in another directory', async () => {
      const [one, two, original] = await Promise.all(
        [join(scratch, 'one'), join(scratch, 'elsewhere', 'two'), acme].map(async (dir) => (await loadPolicy(dir)).version),
      );
      expect(one).toBe(two);
      expect(one).toBe(original);
    });

    it('changes with a single byte', async () => {
      const before = (await loadPolicy(join(scratch, 'one'))).version;
      await appendFile(join(scratch, 'one', 'resources', 'shares.yaml'), '\n');
      expect((await loadPolicy(join(scratch, 'one'))).version).not.toBe(before);
    });

    it('changes when a file is renamed', async () => {
      const before = (await loadPolicy(join(scratch, 'one'))).version;
      await rename(join(scratch, 'one', 'resources', 'shares.yaml'), join(scratch, 'one', 'resources', 'file-shares.yaml'));
      expect((await loadPolicy(join(scratch, 'one'))).version).not.toBe(before);
    });

    it('ignores the test suites, which are not part of the policy', async () => {
      const before = (await loadPolicy(join(scratch, 'one'))).version;
      await appendFile(join(scratch, 'one', 'access-rules', 'baseline_test.yaml'), '# more tests\n');
      expect((await loadPolicy(join(scratch, 'one'))).version).toBe(before);
    });
  });
});
