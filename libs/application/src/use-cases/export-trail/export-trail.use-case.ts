import * as z from 'zod';
import { TRAIL_KINDS, type TrailExportResult, type TrailExportService } from '#vigie/trail';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { isoInstant, oneOf, withTimeRange } from '../shared/input-schemas.js';

export const exportTrailInput = withTimeRange(
  z
    .object({
      format: oneOf(['jsonl', 'csv']).default('jsonl'),
      /** First time included. */
      from: isoInstant.optional(),
      /** Last time included. */
      to: isoInstant.optional(),
      kind: oneOf(TRAIL_KINDS).optional(),
      /** Receives the output piece by piece; may return a promise to apply back-pressure. */
      write: z.custom<(text: string) => void | Promise<void>>((v) => typeof v === 'function', 'expected a function that writes the output'),
    })
    .strict(),
);

/** Entries with the canonical text each hash covers, and a checkpoint signed at export time that proves them. */
export class ExportTrail implements UseCase<typeof exportTrailInput, TrailExportResult> {
  static readonly definition: UseCaseDefinition<typeof exportTrailInput> = { name: 'export-trail', input: exportTrailInput, ability: ['read', 'AuditLog'] };
  readonly definition = ExportTrail.definition;

  constructor(private readonly exporter: TrailExportService) {}

  execute(input: z.output<typeof exportTrailInput>): Promise<TrailExportResult> {
    return this.exporter.export({ format: input.format, from: input.from, to: input.to, chains: input.kind ? [input.kind] : undefined, write: input.write });
  }
}
