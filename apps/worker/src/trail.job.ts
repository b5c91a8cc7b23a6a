import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { JobLock } from '#vigie/persistence';
import { TrailCheckpointService, TrailContext, TrailPruneService } from '#vigie/trail';

/** Signs the heads of the trail into checkpoints, and prunes what is past retention; once across replicas. */
@Injectable()
export class TrailJob {
  private readonly logger = new Logger(TrailJob.name);

  constructor(
    private readonly checkpoints: TrailCheckpointService,
    private readonly pruner: TrailPruneService,
    private readonly lock: JobLock,
  ) {}

  async checkpoint(): Promise<void> {
    await this.exclusive('trail-checkpoint', async () => {
      const made = await this.checkpoints.checkpointHeads('interval');
      if (made.length) this.logger.log({ msg: 'trail checkpoints signed', checkpoints: made.map((c) => `${c.chain}@${c.seq}`) });
    });
  }

  async prune(): Promise<void> {
    await this.exclusive('trail-prune', async () => {
      const results = await this.pruner.prune();
      for (const r of results.filter((x) => x.removed)) this.logger.log({ msg: 'trail pruned', chain: r.chain, uptoSeq: r.uptoSeq, removed: r.removed });
    });
  }

  private async exclusive(name: string, fn: () => Promise<void>): Promise<void> {
    try {
      const ran = await TrailContext.run({ correlationId: randomUUID(), actor: { type: 'system', id: name } }, () => this.lock.runExclusive(name, fn));
      if (!ran) this.logger.log(`${name} already running elsewhere; skipped`);
    } catch (err) {
      this.logger.error({ msg: `scheduled ${name} failed`, err });
    }
  }
}
