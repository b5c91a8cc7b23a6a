import * as z from 'zod';
import { DIRECTORY_CHANGE_KINDS } from '#vigie/identity';
import { commaList, directoryName, isoInstant, oneOf, pageLimit, withTimeRange } from '../shared/input-schemas.js';

const ACTIONS = ['added', 'modified', 'moved', 'removed'] as const;

export const listDirectoryChangesInput = withTimeRange(
  z
    .object({
      directory: directoryName.optional(),
      /** A DN, or a login or name (any case). */
      object: z.string().trim().min(1, 'give a DN, a login or a name').max(1024).optional(),
      /** Runs finished from this instant (a day: from its start). */
      from: isoInstant.optional(),
      /** Runs finished up to this instant. */
      to: isoInstant.optional(),
      /** object (an entry added, modified, moved, removed) or membership (a member added to or removed from a group). */
      kind: commaList.pipe(z.array(oneOf(DIRECTORY_CHANGE_KINDS))).optional(),
      action: commaList.pipe(z.array(oneOf(ACTIONS))).optional(),
      limit: pageLimit,
      cursor: z.string().min(1).max(1024).optional(),
    })
    .strict(),
);
