import type * as z from 'zod';
import type { DirectoryChangeHistory, DirectoryChangePage } from '#vigie/identity';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { listDirectoryChangesInput } from './list-directory-changes.input.js';

/**
 * What the syncs changed, newest first: entries added, modified, moved or removed and members added to or removed
 * from groups, with the run that found each and when it finished; by directory, object and time range, a page at a time.
 */
export class ListDirectoryChanges implements UseCase<typeof listDirectoryChangesInput, DirectoryChangePage> {
  static readonly definition: UseCaseDefinition<typeof listDirectoryChangesInput> = {
    name: 'list-directory-changes',
    input: listDirectoryChangesInput,
    ability: ['read', 'SyncRun'],
  };
  readonly definition = ListDirectoryChanges.definition;

  constructor(private readonly history: Pick<DirectoryChangeHistory, 'changes'>) {}

  execute(input: z.output<typeof listDirectoryChangesInput>): Promise<DirectoryChangePage> {
    return this.history.changes({
      limit: input.limit,
      ...(input.directory ? { directory: input.directory } : {}),
      ...(input.object ? { object: input.object } : {}),
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
      ...(input.kind?.length ? { kinds: input.kind } : {}),
      ...(input.action?.length ? { actions: input.action } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
    });
  }
}
