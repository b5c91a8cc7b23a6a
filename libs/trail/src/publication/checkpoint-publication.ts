import { VigieError } from '#vigie/common';
import type { Checkpoint } from '../checkpoint.js';
import type { CheckpointPublisher } from './checkpoint-publisher.js';

/** Checkpoints signed and stored, but not published to every sink: the database has them, the outside copy may not. */
export class TrailPublicationError extends VigieError {
  constructor(message: string) {
    super('unavailable', message);
  }
}

/** Every configured sink, tried each time; one that fails does not keep the others from receiving the checkpoint. */
export class CheckpointPublication {
  constructor(readonly publishers: CheckpointPublisher[]) {}

  async publish(checkpoints: Checkpoint[]): Promise<void> {
    if (!checkpoints.length || !this.publishers.length) return;
    const results = await Promise.allSettled(this.publishers.map((p) => p.publish(checkpoints)));
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected' ? [`${this.publishers[i].description}: ${(r.reason as Error)?.message ?? r.reason}`] : [],
    );
    if (failed.length)
      throw new TrailPublicationError(
        `${checkpoints.length} checkpoint(s) signed and stored in the database but not published to ${failed.join('; ')}. ` +
          'Fix the sink (trail.publish); `vigie audit-log checkpoint` publishes a new one, and verify lists those missing outside.',
      );
  }
}

/** No sink: for tests and tools that sign nothing. */
export const NO_PUBLICATION = new CheckpointPublication([]);
