/**
 * What the server harnesses (slapd.ts, samba.ts) need from the machine: finding binaries, installing Debian
 * packages, running commands, cross-process locks and process liveness.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const SBIN = ['/usr/sbin', '/sbin', '/usr/local/sbin'];

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** PATH plus the sbin dirs (a non-login root shell may lack them). */
export function searchPath(): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return [...dirs, ...SBIN.filter((d) => !dirs.includes(d))];
}

/** Full path of an executable on PATH or in the sbin dirs, else undefined. */
export function findBinary(name: string): string | undefined {
  for (const dir of searchPath()) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      // next
    }
  }
  return undefined;
}

/** Runs fn while holding a lock dir (atomic mkdir), shared by processes; a lock older than staleMs is broken. */
export async function withLock<T>(lockDir: string, fn: () => Promise<T>, staleMs = 15 * 60_000): Promise<T> {
  const deadline = Date.now() + staleMs + 60_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > staleMs) rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // gone meanwhile
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lockDir}`, { cause: err });
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Runs a command to completion; stdout and stderr together in output. Never rejects on a non-zero exit. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 10 * 60_000): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
  });
}

export const tail = (text: string, lines = 15) => text.trim().split('\n').slice(-lines).join('\n');

export interface AptInstallOptions {
  /** apt-get --no-install-recommends (Samba's recommends pull in much that a test DC does not need). */
  noRecommends?: boolean;
}

/**
 * apt-get install, as root, for the test harnesses: with a policy-rc.d that keeps the packages' own daemons
 * from starting (slapd or samba on :389) when there is none already, and apt-get update when the first try
 * fails (a fresh machine has no package lists). Serialised across processes by a lock dir in /tmp.
 * `stillMissing` is checked again under the lock, so a second caller does nothing.
 */
export async function aptInstall(packages: string[], stillMissing: () => string[], options: AptInstallOptions = {}): Promise<void> {
  await withLock(join('/tmp', 'vigie-apt-install.lock'), async () => {
    if (stillMissing().length === 0) return; // another process installed them meanwhile
    const policy = '/usr/sbin/policy-rc.d';
    const ourPolicy = !existsSync(policy);
    if (ourPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    const args = ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '-q', ...(options.noRecommends ? ['--no-install-recommends'] : []), ...packages];
    const install = () => run('apt-get', args, env);
    try {
      let result = await install();
      if (result.code !== 0) {
        const update = await run('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update', '-q'], env);
        if (update.code !== 0) throw new Error(`apt-get update failed:\n${tail(update.output)}`);
        result = await install();
      }
      if (result.code !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed:\n${tail(result.output)}`);
    } finally {
      if (ourPolicy) rmSync(policy, { force: true });
    }
    const still = stillMissing();
    if (still.length > 0) throw new Error(`still missing after apt-get install ${packages.join(' ')}: ${still.join(', ')}`);
  });
}

/**
 * When the process started, in clock ticks since boot (field 22 of /proc/PID/stat), or undefined when it does
 * not exist or is a zombie. Recorded beside a pid, it tells a live process from a later one that reuses the pid.
 */
export function processStartTime(pid: number): number | undefined {
  if (!Number.isInteger(pid) || pid <= 1) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: split after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return Number(fields[19]);
  } catch {
    return undefined;
  }
}

/** Whether pid is running and is the process that started at startTime (when given). */
export function isProcessAlive(pid: number, startTime?: number): boolean {
  const started = processStartTime(pid);
  return started !== undefined && (startTime === undefined || started === startTime);
}
