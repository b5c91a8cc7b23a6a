import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseUnavailableError } from '../database.errors.js';

/** The file that says which process has the embedded database open. */
export const LOCK_FILE = 'vigie-process.lock';

/**
 * The embedded database is open in another process. PGlite is PostgreSQL in one process, with its own buffers: a
 * second process on the same folder reads stale pages and its writes overwrite the first's (seen: a decision taken
 * with `vigie findings ack` while `vigie demo` ran was invisible to the demo's API). So one process at a time.
 */
export class EmbeddedDatabaseInUseError extends DatabaseUnavailableError {
  constructor(dir: string, holder: { pid: number; command: string }) {
    super(
      `the embedded database in ${dir} is open in another Vigie process (pid ${holder.pid}: vigie ${holder.command || '(api or worker)'})`,
      'The embedded PostgreSQL serves one process at a time: stop that one (Ctrl+C in its terminal) and run this command again, ' +
        'use its API meanwhile, or run Vigie on a PostgreSQL server (DATABASE_URL) to use several processes at once.',
    );
  }
}

/**
 * Takes the folder for this process, or fails with who has it. A lock left by a process that has died (killed, machine
 * restarted) is taken over. Returns the release, which is also run if the process exits without closing the database.
 */
export function lockDataDir(dir: string, command = commandLine()): () => void {
  const path = join(dir, LOCK_FILE);
  const fd = create(path, dir, command);
  writeSync(fd, JSON.stringify({ pid: process.pid, command }));
  closeSync(fd);
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
  process.on('exit', release);
  return release;
}

function create(path: string, dir: string, command: string, retried = false): number {
  try {
    return openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || retried) throw err;
  }
  const holder = readHolder(path);
  if (holder && holder.pid !== process.pid && alive(holder.pid)) throw new EmbeddedDatabaseInUseError(dir, holder);
  // The holder is gone (or is this process, whose previous open was not closed): the lock is stale.
  unlinkSync(path);
  return create(path, dir, command, true);
}

function readHolder(path: string): { pid: number; command: string } | null {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown; command?: unknown };
    return typeof value.pid === 'number' ? { pid: value.pid, command: typeof value.command === 'string' ? value.command : '' } : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command the lock names: `demo`, `findings list`... (the words before the first option). */
function commandLine(): string {
  const words: string[] = [];
  for (const arg of process.argv.slice(2)) {
    if (arg.startsWith('-')) break;
    words.push(arg);
  }
  return words.join(' ');
}
