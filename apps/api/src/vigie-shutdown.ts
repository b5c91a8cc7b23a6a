import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Vigie } from '#vigie/application';
import { InjectVigie } from './vigie.provider.js';

/**
 * Closes Vigie when the application closes (`app.close()`, or a signal through the shutdown hooks): first what was
 * registered (the scheduler's clock), then Vigie itself, whose last trail entries get their checkpoint before the
 * database closes. A Nest lifecycle hook, because the application object Nest returns is a proxy on which replacing
 * `close` has no effect: the database stayed open and the scheduler ran on after `app.close()`.
 */
@Injectable()
export class VigieShutdown implements OnApplicationShutdown {
  private readonly before: Array<() => Promise<unknown>> = [];

  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  /** Something to stop before Vigie closes. */
  add(task: () => Promise<unknown>): void {
    this.before.push(task);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const task of this.before.splice(0)) await task();
    await this.vigie.close();
  }
}
