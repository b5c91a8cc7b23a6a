import { JobLock } from '#vigie/common';

/**
 * A job lock for specs: runs the job unless its name is one the spec says another process holds, and notes every
 * name asked for.
 */
export class FakeJobLock extends JobLock {
  readonly asked: string[] = [];

  constructor(private readonly heldElsewhere: readonly string[] = []) {
    super();
  }

  async runExclusive(name: string, fn: (signal: AbortSignal) => Promise<void>): Promise<boolean> {
    this.asked.push(name);
    if (this.heldElsewhere.includes(name)) return false;
    await fn(new AbortController().signal);
    return true;
  }
}
