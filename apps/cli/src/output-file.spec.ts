import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VigieError } from '#vigie/common';
import { openOutputStream, outputFileError } from './output-file.js';

describe(openOutputStream.name, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-output-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails before anything is written when the folder does not exist, with a message to act on', async () => {
    const path = join(dir, 'missing', 'trail.jsonl');
    const err = await openOutputStream(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VigieError);
    expect(err).toMatchObject({ kind: 'invalid-input', message: `cannot write ${path}: its folder does not exist. Check --output` });
  });

  it('gives an open stream otherwise', async () => {
    const path = join(dir, 'trail.jsonl');
    const stream = await openOutputStream(path);
    stream.write('{"record":"entry"}\n');
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    expect(readFileSync(path, 'utf8')).toBe('{"record":"entry"}\n');
  });
});

describe(outputFileError.name, () => {
  it.each([
    ['EACCES', 'permission denied'],
    ['EISDIR', 'it is a folder'],
    ['ENOSPC', 'no space left on the device'],
  ])('says %s in words', (code, words) => {
    expect(outputFileError('/srv/report.json', Object.assign(new Error(code), { code })).message).toBe(
      `cannot write /srv/report.json: ${words}. Check --output`,
    );
  });
});
