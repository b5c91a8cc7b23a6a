import type { Writable } from 'node:stream';

/**
 * A reader that stops reading (`vigie audit-log export | head`) closes the pipe under a command's standard output:
 * its next write fails with EPIPE, as an 'error' event of the stream (which would crash the process) or as the
 * rejection of a write the command awaits. Either way the reader has what it wanted: the command ends as if it had
 * finished, quietly and with exit code 0, instead of printing a stack trace. One place for every command.
 */
export class StdoutWatch {
  private closed = false;

  constructor(private readonly stdout: Writable = process.stdout) {}

  /** Listens for the pipe closing; afterwards writes go nowhere (Node drops them once the stream is destroyed). */
  start(): void {
    this.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') this.closed = true;
      // Any other error of standard output is a bug to report, as it was before this listener.
      else throw err;
    });
  }

  /** Whether `err` is only the consequence of the reader closing standard output. */
  explains(err: unknown): boolean {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    // A failed write destroys the stream at once but emits its 'error' a tick later: the awaited write may come first.
    if (code === 'EPIPE' && this.stdout.destroyed) this.closed = true;
    return this.closed && (code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END');
  }
}
