import type { VigieLogger } from '#vigie/logging';

/** A logger that keeps what it is told, by level, for specs to read. */
export class RecordingLogger implements VigieLogger {
  readonly lines: Array<{ level: 'debug' | 'log' | 'warn' | 'error'; message: unknown }> = [];

  debug(message: unknown): void {
    this.lines.push({ level: 'debug', message });
  }

  log(message: unknown): void {
    this.lines.push({ level: 'log', message });
  }

  warn(message: unknown): void {
    this.lines.push({ level: 'warn', message });
  }

  error(message: unknown): void {
    this.lines.push({ level: 'error', message });
  }

  get errors(): unknown[] {
    return this.lines.filter((l) => l.level === 'error').map((l) => l.message);
  }
}
