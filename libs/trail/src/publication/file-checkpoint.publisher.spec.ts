import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkpointSignatureValid, signCheckpoint } from '../checkpoint.js';
import { TrailKeys } from '../trail-keys.js';
import { parsePublishedLine, publishedLine } from './checkpoint-publisher.js';
import { FileCheckpointPublisher } from './file-checkpoint.publisher.js';

describe(FileCheckpointPublisher.name, () => {
  const keys = new TrailKeys(generateKeyPairSync('ed25519').privateKey, randomBytes(32));
  const cp = (seq: number) => signCheckpoint(keys, { chain: 'change', seq, hash: 'a'.repeat(64) }, 'after-write', new Date('2026-12-01T00:00:00Z'));
  let dir: string;
  let sut: FileCheckpointPublisher;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-publish-'));
    sut = new FileCheckpointPublisher(join(dir, 'witness', 'trail-checkpoints.jsonl'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has no copy before the first checkpoint', async () => {
    expect(await sut.read()).toEqual({ checkpoints: [], unreadable: [], exists: false });
  });

  it('appends one line per checkpoint, in a directory and a file closed to others, and reads back what still verifies', async () => {
    await sut.publish([cp(1), cp(2)]);
    await sut.publish([cp(3)]);
    expect(statSync(join(dir, 'witness')).mode & 0o777).toBe(0o750);
    expect(statSync(sut.path).mode & 0o777).toBe(0o640);
    const read = await sut.read();
    expect(read.checkpoints.map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(read.checkpoints.every((c) => checkpointSignatureValid(c))).toBe(true);
  });

  it('reports the lines that are not checkpoints, by number', async () => {
    await sut.publish([cp(1)]);
    appendFileSync(sut.path, 'garbage\n{"type":"vigie-trail-checkpoint","chain":"nope"}\n');
    await sut.publish([cp(2)]);
    expect(await sut.read()).toMatchObject({
      unreadable: [2, 3],
      exists: true,
      checkpoints: [expect.objectContaining({ seq: 1 }), expect.objectContaining({ seq: 2 })],
    });
  });

  it('writes lines that say nothing but the checkpoint, and parses them back whole', () => {
    const c = cp(7);
    const line = publishedLine(c);
    expect(line.endsWith('\n')).toBe(true);
    expect(Object.keys(JSON.parse(line)).sort()).toEqual(['chain', 'createdAt', 'hash', 'id', 'keyId', 'publicKey', 'reason', 'seq', 'signature', 'type', 'v']);
    expect(parsePublishedLine(line)).toEqual(c);
    expect(parsePublishedLine('{"type":"vigie-trail-checkpoint","chain":"change","seq":"7"}')).toBeNull();
  });
});
