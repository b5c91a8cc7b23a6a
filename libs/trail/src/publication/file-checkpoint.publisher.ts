import { mkdir, open, readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Checkpoint } from '../checkpoint.js';
import { CheckpointPublisher, type PublishedCheckpoints, parsePublishedLine, publishedLine } from './checkpoint-publisher.js';

/**
 * Appends each checkpoint as one JSON line to a file (O_APPEND, one write per batch, fsync before returning), created
 * mode 0640 in a directory made 0750. Put it where the database's administrators cannot write (another volume, a
 * host shipping it to a log server, `chattr +a`): it is the copy verify holds the database to.
 */
export class FileCheckpointPublisher extends CheckpointPublisher implements PublishedCheckpoints {
  readonly path: string;
  readonly description: string;

  constructor(path: string, cwd = process.cwd()) {
    super();
    this.path = resolve(cwd, path);
    this.description = `file ${this.path}`;
  }

  async publish(checkpoints: Checkpoint[]): Promise<void> {
    if (!checkpoints.length) return;
    await mkdir(dirname(this.path), { recursive: true, mode: 0o750 });
    const file = await open(this.path, 'a', 0o640);
    try {
      await file.write(checkpoints.map(publishedLine).join(''));
      await file.sync();
    } finally {
      await file.close();
    }
  }

  async read(): Promise<{ checkpoints: Checkpoint[]; unreadable: number[]; exists: boolean }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], unreadable: [], exists: false };
      throw err;
    }
    const checkpoints: Checkpoint[] = [];
    const unreadable: number[] = [];
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const c = parsePublishedLine(line);
      if (c) checkpoints.push(c);
      else unreadable.push(i + 1);
    });
    return { checkpoints, unreadable, exists: true };
  }
}
