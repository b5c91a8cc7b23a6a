import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webDeskDir } from './web-desk.js';

describe(webDeskDir.name, () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'vigie-web-desk-'));
    writeFileSync(join(root, 'package.json'), '{"name":"vigie"}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const built = () => {
    mkdirSync(join(root, 'dist', 'web'), { recursive: true });
    writeFileSync(join(root, 'dist', 'web', 'index.html'), '<!doctype html>');
  };

  it('finds dist/web of the installation from the sources, from dist/apps and from the bundled command in dist/cli', () => {
    built();
    for (const from of ['apps/api/src/web', 'dist/apps/api/src/web', 'dist/cli']) {
      mkdirSync(join(root, from), { recursive: true });
      expect(webDeskDir(join(root, from))).toBe(join(root, 'dist', 'web'));
    }
  });

  it('answers undefined when the web desk was not built, without looking above the installation', () => {
    mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
    expect(webDeskDir(join(root, 'dist', 'cli'))).toBeUndefined();
    // A dist/web folder without its page is a build that did not finish.
    mkdirSync(join(root, 'dist', 'web'), { recursive: true });
    expect(webDeskDir(join(root, 'dist', 'cli'))).toBeUndefined();
  });
});
