import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UnitOfWork } from '#vigie/common';
import { type TrailCheckpointService, TrailKeys, type TrailWriter, readTrailTrust } from '#vigie/trail';
import { RecordingTrailWriter } from '#vigie/trail/testing';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { RotateTrailKey } from './rotate-trail-key.use-case.js';

describe(RotateTrailKey.name, () => {
  const input = RotateTrailKey.definition.input;
  let dir: string;
  let trail: RecordingTrailWriter;
  let signed: string[];
  let sut: RotateTrailKey;
  const keys = new TrailKeys(generateKeyPairSync('ed25519').privateKey, randomBytes(32));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-rotate-'));
    trail = new RecordingTrailWriter();
    signed = [];
    const uow: UnitOfWork<{ trail: TrailWriter }> = { run: (work) => work({ trail }) };
    const checkpoints = fakeOf<TrailCheckpointService>({
      checkpointHeads: async (reason) => {
        signed.push(reason!);
        return [];
      },
    });
    sut = new RotateTrailKey(keys, uow, checkpoints);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is for system actors only and needs a key file', () => {
    expect(RotateTrailKey.definition.ability).toBeUndefined();
    expect(refusalsOf(input, {})).toEqual([expect.stringMatching(/^newSigningKeyFile: /)]);
  });

  it('creates the new key (0600), records the rotation signed by both keys, then a last checkpoint of the current key', async () => {
    const file = join(dir, 'next.pem');
    const out = await sut.execute(parsedBy(input, { newSigningKeyFile: file }));
    expect(out).toMatchObject({ from: keys.keyId, created: true, newSigningKeyFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(trail.actions).toEqual(['trail.key-rotated']);
    expect(signed).toEqual(['rotation']);
    const after = trail.inputs[0].after as { from: { keyId: string }; to: { keyId: string; publicKey: string } };
    expect(after.from.keyId).toBe(keys.keyId);
    expect(after.to).toEqual({ keyId: out.to, publicKey: out.publicKey });
  });

  it('refuses to rotate to the key it signs with', async () => {
    const file = join(dir, 'next.pem');
    await sut.execute(parsedBy(input, { newSigningKeyFile: file }));
    const { openOrCreateSigningKey } = await import('#vigie/trail');
    const same = new RotateTrailKey(
      new TrailKeys(openOrCreateSigningKey(file).key, keys.pseudonymKey),
      { run: (w) => w({ trail }) },
      fakeOf<TrailCheckpointService>({}),
    );
    await expect(same.execute(parsedBy(input, { newSigningKeyFile: file }))).rejects.toThrow(/holds the key this process signs with/);
  });

  it('hands the trust over: verify trusts the new key through the recorded rotation', async () => {
    const out = await sut.execute(parsedBy(input, { newSigningKeyFile: join(dir, 'next.pem') }));
    const entry = { chain: 'change', seq: 9, action: 'trail.key-rotated', details: { after: trail.inputs[0].after } };
    const store = { signedRecords: async () => [entry] } as unknown as Parameters<typeof readTrailTrust>[0];
    const pinned = keys.publicKey.export({ type: 'spki', format: 'der' }).subarray(-32).toString('base64');
    const trust = await readTrailTrust(store, [pinned]);
    expect(trust.problems).toEqual([]);
    expect(trust.keys.has(out.publicKey)).toBe(true);
    const untrusting = await readTrailTrust(store, [out.publicKey.replace(/^./, 'A')]);
    expect(untrusting.problems).toEqual([expect.objectContaining({ kind: 'record-invalid', seq: 9, message: expect.stringMatching(/neither pinned/) })]);
  });
});
