import * as z from 'zod';
import { TRAIL_KINDS, type TrailPage, type TrailQueryService } from '#vigie/trail';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { isoInstant, oneOf, pageLimit, withTimeRange } from '../shared/input-schemas.js';

export const queryTrailInput = withTimeRange(
  z
    .object({
      /** A token id, a job name (sync, audit, cli), or a person's login or employee id. */
      actor: z.string().min(1).max(256).optional(),
      /** A target id, or a person's login or employee id. */
      target: z.string().min(1).max(1024).optional(),
      action: z
        .string()
        .regex(/^[a-z][a-z0-9.-]*\*?$/, 'expected an action such as auth.failed, or a prefix such as auth.*')
        .optional(),
      kind: oneOf(TRAIL_KINDS).optional(),
      from: isoInstant.optional(),
      to: isoInstant.optional(),
      cursor: z.string().max(200).optional(),
      limit: pageLimit,
    })
    .strict(),
);

/** The trail, newest first, with a cursor for the next page. */
export class QueryTrail implements UseCase<typeof queryTrailInput, TrailPage> {
  static readonly definition: UseCaseDefinition<typeof queryTrailInput> = { name: 'query-trail', input: queryTrailInput, ability: ['read', 'AuditLog'] };
  readonly definition = QueryTrail.definition;

  constructor(private readonly trail: TrailQueryService) {}

  execute(input: z.output<typeof queryTrailInput>): Promise<TrailPage> {
    return this.trail.list(input);
  }
}
