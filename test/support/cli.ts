import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { publishedFileFor } from './trail.js';
import { fileURLToPath } from 'node:url';

/** The built `vigie` command, the bundle package.json's bin names: end-to-end tests run what a user runs (npm test builds it first). */
export const CLI = fileURLToPath(new URL('../../dist/cli/vigie.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  /** The signal that ended the process, if one did (a crash test's SIGKILL). */
  signal?: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * A clean environment: only what the test gives, so the developer's own DATABASE_URL or VIGIE_* never leak in. In the
 * clone itself, no configuration file either unless the test names one: `npm start` leaves a ./vigie.yaml there that
 * points every command at the demo. The checkpoints are published to a file of the test's database (not the
 * repository's .vigie/), which verify reads back.
 */
export function cliEnv(extra: Record<string, string>, cwd = REPO_ROOT): NodeJS.ProcessEnv {
  const noFile = cwd === REPO_ROOT ? { VIGIE_CONFIG: '/dev/null' } : {};
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C.UTF-8',
    ...noFile,
    VIGIE_TRAIL_PUBLISH_FILE: publishedFileFor(extra.DATABASE_URL),
    ...extra,
  };
}

/** `input`: what the command reads on its standard input (a pipe); none by default. */
export function runCli(args: string[], env: Record<string, string>, cwd = REPO_ROOT, timeoutMs = 60_000, input?: string): Promise<CliResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cliEnv(env, cwd), stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (input !== undefined) child.stdin!.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Starts a long-running command (serve, demo) and resolves once its stdout matches `ready`. */
export function startCli(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  cwd = REPO_ROOT,
  timeoutMs = 90_000,
): Promise<{ child: ChildProcess; stdout: () => string; stderr: () => string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: cliEnv(env, cwd), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${ready}; stdout: ${out.slice(-2000)} stderr: ${err.slice(-2000)}`));
    }, timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve({ child, stdout: () => out, stderr: () => err });
      }
    });
    child.stderr!.on('data', (d) => (err += d));
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before being ready; stdout: ${out.slice(-2000)} stderr: ${err.slice(-2000)}`));
    });
  });
}

export function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}
