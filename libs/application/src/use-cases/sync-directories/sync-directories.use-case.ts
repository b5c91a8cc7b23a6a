import type * as z from 'zod';
import type { JobLock } from '#vigie/common';
import type { VigieConfig } from '#vigie/config';
import type { SyncResult, SyncService } from '#vigie/identity';
import { selectDirectories, syncSettingsFor } from '../../directory-sources.js';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { exclusively } from '../shared/exclusively.js';
import { syncDirectoriesInput } from './sync-directories.input.js';

/** What happened to one directory: synchronised, skipped because another sync of it was running, or failed. */
export type DirectorySyncOutcome =
  | { directory: string; status: 'synchronised'; result: SyncResult }
  | { directory: string; status: 'busy' }
  | { directory: string; status: 'failed'; reason: string; error: unknown };

export interface SyncDirectoriesOutput {
  outcomes: DirectorySyncOutcome[];
  /** Directories whose run saw something that may raise a finding at once (not a first snapshot, not removals alone). */
  changed: string[];
}

/**
 * Synchronises the configured directories (or one), one sync of a directory at a time across processes: the command
 * line, the scheduler and the demo all run this. A directory that fails does not stop the others; each outcome says
 * what happened, and the previous snapshot of a failed one is kept.
 */
export class SyncDirectories implements UseCase<typeof syncDirectoriesInput, SyncDirectoriesOutput> {
  static readonly definition: UseCaseDefinition<typeof syncDirectoriesInput> = { name: 'sync-directories', input: syncDirectoriesInput };
  readonly definition = SyncDirectories.definition;

  constructor(
    private readonly config: Pick<VigieConfig, 'directories'>,
    private readonly sync: SyncService,
    private readonly lock: JobLock,
  ) {}

  async execute(input: z.output<typeof syncDirectoriesInput>): Promise<SyncDirectoriesOutput> {
    const sources = selectDirectories(this.config.directories, input.directory);
    const outcomes: DirectorySyncOutcome[] = [];
    for (const source of sources) {
      try {
        // The run stops if the lock is lost (its connection ended): another process may start the same sync.
        const run = await exclusively(this.lock, `sync:${source.name}`, (signal) =>
          this.sync.sync(source, {
            signal,
            mode: input.mode,
            onProgress: input.onProgress && ((p) => input.onProgress!(source.name, p)),
            ...syncSettingsFor(this.config.directories, source.name),
          }),
        );
        outcomes.push(run.ran ? { directory: source.name, status: 'synchronised', result: run.value } : { directory: source.name, status: 'busy' });
      } catch (error) {
        outcomes.push({ directory: source.name, status: 'failed', reason: error instanceof Error ? error.message : String(error), error });
      }
    }
    const changed = outcomes.flatMap((o) => (o.status === 'synchronised' && sawChanges(o.result) ? [o.directory] : []));
    return { outcomes, changed };
  }
}

/**
 * A first snapshot records no change; membership removals alone cannot raise a finding that needs telling at once.
 * Failed passwords change no tracked attribute, but password spraying must be told at once too.
 */
function sawChanges(result: SyncResult): boolean {
  const s = result.stats;
  return !s.baseline && s.added + s.modified + s.moved + s.membershipsAdded + (s.badPasswords ?? 0) > 0;
}
