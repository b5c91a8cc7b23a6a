import * as z from 'zod';
import type { SyncProgress } from '#vigie/identity';
import { directoryName, oneOf } from '../shared/input-schemas.js';

export const syncDirectoriesInput = z
  .object({
    /** Only this configured directory; every one when absent. */
    directory: directoryName.optional(),
    /** full: read everything and compare; auto: incremental when a previous run allows it. */
    mode: oneOf(['auto', 'full']).default('auto'),
    /** Told as each directory's read goes on (the command line's progress bar). */
    onProgress: z.custom<(directory: string, progress: SyncProgress) => void>((v) => typeof v === 'function').optional(),
  })
  .strict();

export type SyncDirectoriesInput = z.input<typeof syncDirectoriesInput>;
