import * as z from 'zod';
import type { OperationalGauges, OperationalGaugesSource } from '#vigie/audit';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

const readOperationalGaugesInput = z.object({}).strict();

/**
 * What the Prometheus scrape reports about the data (findings, syncs, audits, trail, HR events, requests). A scrape
 * every 15 s from several Prometheus servers reads the database at most once per `cacheMs`.
 */
export class ReadOperationalGauges implements UseCase<typeof readOperationalGaugesInput, OperationalGauges> {
  static readonly definition: UseCaseDefinition<typeof readOperationalGaugesInput> = {
    name: 'read-operational-gauges',
    input: readOperationalGaugesInput,
    ability: ['read', 'Metrics'],
  };
  readonly definition = ReadOperationalGauges.definition;
  private cached: { at: number; gauges: Promise<OperationalGauges> } | null = null;

  constructor(
    private readonly source: OperationalGaugesSource,
    private readonly cacheMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  execute(): Promise<OperationalGauges> {
    const at = this.now();
    if (!this.cached || at - this.cached.at >= this.cacheMs) {
      const gauges = this.source.read();
      // A failed read is not kept: the next scrape tries again.
      gauges.catch(() => {
        if (this.cached?.gauges === gauges) this.cached = null;
      });
      this.cached = { at, gauges };
    }
    return this.cached.gauges;
  }
}
