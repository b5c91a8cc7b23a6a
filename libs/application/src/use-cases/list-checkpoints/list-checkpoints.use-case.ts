import * as z from 'zod';
import type { Checkpoint, TrailStore } from '#vigie/trail';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const listCheckpointsInput = z.object({}).strict();

/** Every checkpoint of the trail, to keep a copy outside the database. */
export class ListCheckpoints implements UseCase<typeof listCheckpointsInput, Checkpoint[]> {
  static readonly definition: UseCaseDefinition<typeof listCheckpointsInput> = {
    name: 'list-checkpoints',
    input: listCheckpointsInput,
    ability: ['read', 'AuditLog'],
  };
  readonly definition = ListCheckpoints.definition;

  constructor(private readonly store: TrailStore) {}

  execute(): Promise<Checkpoint[]> {
    return this.store.checkpoints();
  }
}
