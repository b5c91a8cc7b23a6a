import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '#vigie/config';
import { DEMO_CONFIG_MARK, writeDemoConfig } from './demo-config.writer.js';

describe(writeDemoConfig.name, () => {
  let cwd: string;
  const settings = () => ({
    dataDir: '.vigie/demo',
    embedded: true,
    ldif: join(cwd, '.vigie/demo/acme-directory.ldif'),
    policies: '/opt/vigie/policies',
    signingKeyFile: join(cwd, '.vigie/demo/keys/trail-signing.pem'),
    pseudonymKeyFile: join(cwd, '.vigie/demo/keys/trail-pseudonym.key'),
    publishedCheckpointsFile: join(cwd, '.vigie/demo/trail-checkpoints.jsonl'),
  });

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'vigie-demo-config-'));
    mkdirSync(join(cwd, '.vigie/demo'), { recursive: true });
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('writes ./vigie.yaml, which the configuration loader reads as the demo: its database, directory, policy and keys', () => {
    const files = writeDemoConfig(settings(), cwd);
    expect(files).toEqual({ inDataDir: join(cwd, '.vigie/demo/vigie.yaml'), inWorkingDir: join(cwd, 'vigie.yaml') });
    const config = loadConfig({ env: {}, cwd });
    expect(config.database).toMatchObject({ dataDir: join(cwd, '.vigie/demo') });
    expect(config.database.url).toBeUndefined();
    expect(config.directories).toEqual([{ name: 'acme', kind: 'ldif', file: join(cwd, '.vigie/demo/acme-directory.ldif') }]);
    expect(config.policy.dir).toBe('/opt/vigie/policies');
    expect(config.trail).toMatchObject({
      signingKeyFile: settings().signingKeyFile,
      pseudonymKeyFile: settings().pseudonymKeyFile,
      publish: { file: settings().publishedCheckpointsFile },
    });
    expect(readFileSync(files.inDataDir, 'utf8')).toBe(readFileSync(files.inWorkingDir!, 'utf8'));
  });

  it('leaves the database to DATABASE_URL when the demo ran on PostgreSQL: no password in the file', () => {
    writeDemoConfig({ ...settings(), embedded: false }, cwd);
    expect(readFileSync(join(cwd, 'vigie.yaml'), 'utf8')).not.toMatch(/^database:/m);
    expect(loadConfig({ env: { DATABASE_URL: 'postgres://vigie:pw@db/vigie' }, cwd }).database.url).toBe('postgres://vigie:pw@db/vigie');
  });

  it('rewrites its own ./vigie.yaml, and leaves one written by someone else alone', () => {
    writeDemoConfig({ ...settings(), dataDir: '.vigie/demo' }, cwd);
    mkdirSync(join(cwd, 'other'));
    expect(writeDemoConfig({ ...settings(), dataDir: 'other' }, cwd).inWorkingDir).toBe(join(cwd, 'vigie.yaml'));
    expect(loadConfig({ env: {}, cwd }).database.dataDir).toBe(join(cwd, 'other'));

    const own = 'directories:\n  - name: corp\n    kind: ldif\n    file: ./corp.ldif\n';
    writeFileSync(join(cwd, 'vigie.yaml'), own);
    const files = writeDemoConfig(settings(), cwd);
    expect(files.inWorkingDir).toBeNull();
    expect(readFileSync(join(cwd, 'vigie.yaml'), 'utf8')).toBe(own);
    expect(readFileSync(files.inDataDir, 'utf8').startsWith(DEMO_CONFIG_MARK)).toBe(true);
  });
});
