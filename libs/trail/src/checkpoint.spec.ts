import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointSignatureValid, signCheckpoint } from './checkpoint.js';
import { TrailKeys, loadTrailKeys, writeNewTrailKeys } from './trail-keys.js';

const keys = () => new TrailKeys(generateKeyPairSync('ed25519').privateKey, randomBytes(32));
const retention = { access: { days: 365 }, change: { days: 365 }, operation: { days: 365 } };
const trailExtras = { pinnedPublicKeys: [], publish: { file: false as const } };

describe('checkpoints', () => {
  it('are signed over what they state and fail once any of it changes', () => {
    const k = keys();
    const c = signCheckpoint(k, { chain: 'change', seq: 42, hash: 'a'.repeat(64) }, 'interval', new Date('2026-01-01T00:00:00Z'));
    expect(c).toMatchObject({ chain: 'change', seq: 42, keyId: k.keyId, createdAt: '2026-01-01T00:00:00.000Z' });
    expect(checkpointSignatureValid(c)).toBe(true);
    expect(checkpointSignatureValid({ ...c, seq: 43 })).toBe(false);
    expect(checkpointSignatureValid({ ...c, hash: 'b'.repeat(64) })).toBe(false);
    expect(checkpointSignatureValid({ ...c, publicKey: signCheckpoint(keys(), c, 'interval').publicKey })).toBe(false);
  });
});

describe('trail keys', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vigie-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are created at the default place on first start, mode 0600, then read back the same', () => {
    const first = loadTrailKeys({ checkpointCron: '* * * * *', pruneCron: '* * * * *', retention, ...trailExtras }, dir);
    expect(first.generated.map((f) => f.slice(dir.length))).toEqual(['/.vigie/keys/trail-signing.pem', '/.vigie/keys/trail-pseudonym.key']);
    expect(statSync(first.generated[0]).mode & 0o777).toBe(0o600);
    const again = loadTrailKeys({ checkpointCron: '* * * * *', pruneCron: '* * * * *', retention, ...trailExtras }, dir);
    expect(again.generated).toEqual([]);
    expect(again.keys.keyId).toBe(first.keys.keyId);
    expect(again.keys.pseudonymKeyCheck()).toBe(first.keys.pseudonymKeyCheck());
  });

  it('say clearly what is wrong: a configured file missing, a key of the wrong kind, a short pseudonym key', () => {
    const cfg = (over: Record<string, string>) => ({ checkpointCron: '* * * * *', pruneCron: '* * * * *', retention, ...trailExtras, ...over });
    expect(() => loadTrailKeys(cfg({ signingKeyFile: 'nope.pem' }), dir)).toThrow(/nope\.pem .* does not exist\. Create the keys with `vigie audit-log keygen/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadTrailKeys(cfg({ signingKey: rsa }), dir)).toThrow(/VIGIE_TRAIL_SIGNING_KEY is an rsa key: checkpoints are signed with Ed25519/);
    expect(() => loadTrailKeys(cfg({ signingKey: 'hello' }), dir)).toThrow(/is not a private key/);
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadTrailKeys(cfg({ signingKey: pem, pseudonymKey: 'c2hvcnQ=' }), dir)).toThrow(/at least 32 random bytes .* \(got 5\)/);
  });

  it('are written by keygen, which never overwrites one', () => {
    const paths = { signingKeyFile: join(dir, 's.pem'), pseudonymKeyFile: join(dir, 'p.key') };
    const k = writeNewTrailKeys(paths);
    expect(readFileSync(paths.signingKeyFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(k.publicKeyPem()).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    writeFileSync(join(dir, 'other.key'), 'x');
    expect(() => writeNewTrailKeys(paths)).toThrow(/already exists: Vigie never overwrites a trail key/);
  });
});
