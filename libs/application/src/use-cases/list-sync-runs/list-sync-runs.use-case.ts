import * as z from 'zod';
import type { DirectoryChangeHistory, SyncRunPage } from '#vigie/identity';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { directoryName, pageLimit } from '../shared/input-schemas.js';

export const listSyncRunsInput = z
  .object({
    directory: directoryName.optional(),
    limit: pageLimit,
    cursor: z.string().min(1).max(512).optional(),
  })
  .strict();

/** The sync runs, newest started first, with their mode, outcome and counts, a page at a time. */
export class ListSyncRuns implements UseCase<typeof listSyncRunsInput, SyncRunPage> {
  static readonly definition: UseCaseDefinition<typeof listSyncRunsInput> = { name: 'list-sync-runs', input: listSyncRunsInput, ability: ['read', 'SyncRun'] };
  readonly definition = ListSyncRuns.definition;

  constructor(private readonly history: Pick<DirectoryChangeHistory, 'runs'>) {}

  execute(input: z.output<typeof listSyncRunsInput>): Promise<SyncRunPage> {
    return this.history.runs({
      limit: input.limit,
      ...(input.directory ? { directory: input.directory } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
    });
  }
}
