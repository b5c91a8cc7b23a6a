import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabaseInUseError, LOCK_FILE, lockDataDir } from './data-dir.lock.js';

describe(lockDataDir.name, () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vigie-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names this process in the folder while it holds it, and removes the file on release', () => {
    const release = lockDataDir(dir, 'findings list');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toEqual({ pid: process.pid, command: 'findings list' });
    release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('refuses a folder another live process holds, saying which and what to do', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: other.pid, command: 'demo' }));
      let error: unknown;
      try {
        lockDataDir(dir, 'findings list');
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(EmbeddedDatabaseInUseError);
      expect((error as Error).message).toMatch(new RegExp(`open in another Vigie process \\(pid ${other.pid}: vigie demo\\).*stop that one`));
      expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(other.pid);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over the lock of a process that died without releasing it', async () => {
    const dead = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => dead.once('exit', resolve));
    writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: dead.pid, command: 'demo' }));
    const release = lockDataDir(dir, 'sync');
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toEqual({ pid: process.pid, command: 'sync' });
    release();
  });
});
