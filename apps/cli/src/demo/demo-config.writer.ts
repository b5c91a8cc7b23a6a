import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The first line of a vigie.yaml the demo wrote: the demo rewrites such a file, never one written by someone else. */
export const DEMO_CONFIG_MARK = '# Written by `vigie demo` (npm start)';

export interface DemoSettings {
  dataDir: string;
  /** The demo runs on the embedded database of dataDir; false on the PostgreSQL of DATABASE_URL, which is not written. */
  embedded: boolean;
  ldif: string;
  policies: string;
  signingKeyFile: string;
  pseudonymKeyFile: string;
  /** Where the demo publishes its trail checkpoints: verify run by another command must read the same copy. */
  publishedCheckpointsFile: string;
}

export interface DemoConfigFiles {
  /** Always written, beside the demo's data. */
  inDataDir: string;
  /** ./vigie.yaml, when it was free or the demo's own; null when the operator's own file is there (left as it is). */
  inWorkingDir: string | null;
}

/**
 * Writes the configuration that points every `vigie` command at the demo's data: the embedded database, the demo
 * directory, the shipped policy, the demo's trail keys and its published checkpoints. In the working directory (./vigie.yaml, which every
 * command reads by default) unless another file is there, and in the data dir in any case, for `--config`.
 */
export function writeDemoConfig(settings: DemoSettings, cwd = process.cwd()): DemoConfigFiles {
  const text = demoConfigText(settings, cwd);
  const inDataDir = join(resolve(cwd, settings.dataDir), 'vigie.yaml');
  writeFileSync(inDataDir, text);
  const local = resolve(cwd, 'vigie.yaml');
  if (existsSync(local) && !readFileSync(local, 'utf8').startsWith(DEMO_CONFIG_MARK)) return { inDataDir, inWorkingDir: null };
  writeFileSync(local, text);
  return { inDataDir, inWorkingDir: local };
}

export function demoConfigText(s: DemoSettings, cwd = process.cwd()): string {
  // Absolute paths: the file also works from another directory, through --config or VIGIE_CONFIG.
  const q = (path: string) => JSON.stringify(resolve(cwd, path));
  return [
    DEMO_CONFIG_MARK,
    '# It points the `vigie` command at the demo company: `npx vigie findings list`, `npx vigie explain ...` read the',
    '# data `npm start` shows. Replace it with your own (README: "Pointing Vigie at a real directory and database");',
    '# the demo then leaves it alone.',
    // DATABASE_URL holds a password: never written here, the commands read it from the environment as the demo did.
    ...(s.embedded ? ['database:', `  dataDir: ${q(s.dataDir)}`] : ['# database: the PostgreSQL of DATABASE_URL, as for the demo']),
    'directories:',
    '  - name: acme',
    '    kind: ldif',
    `    file: ${q(s.ldif)}`,
    'policy:',
    `  dir: ${q(s.policies)}`,
    'trail:',
    `  signingKeyFile: ${q(s.signingKeyFile)}`,
    `  pseudonymKeyFile: ${q(s.pseudonymKeyFile)}`,
    '  publish:',
    `    file: ${q(s.publishedCheckpointsFile)}`,
    '',
  ].join('\n');
}

/** How the banner names a file: relative to where the command ran when it is below it. */
export function shownPath(path: string, cwd = process.cwd()): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
