import type { TrailConfig } from '#vigie/config';
import type { TrailStore } from './ports/trail.store.js';
import { type TrailKeys, loadTrailKeys } from './trail-keys.js';
import { TrailKeyError } from './trail.errors.js';

/**
 * Loads the trail keys for a process that writes the trail, and checks that it has the pseudonym
 * key the trail was started with (pseudonyms made with another key would name nobody). Every
 * application does it at start; `onGenerated` hears of key files created on a first start.
 */
export async function openTrailKeys(cfg: TrailConfig, store: TrailStore, onGenerated: (file: string) => void): Promise<TrailKeys> {
  const { keys, generated } = loadTrailKeys(cfg);
  for (const file of generated) onGenerated(file);
  const stored = await store.pseudonymKeyCheck(keys.pseudonymKeyCheck());
  if (stored !== keys.pseudonymKeyCheck()) {
    throw new TrailKeyError(
      'the trail pseudonym key of this process is not the one the trail was started with: every replica must use the same key ' +
        '(copy the file of trail.pseudonymKeyFile from the first installation, or set VIGIE_TRAIL_PSEUDONYM_KEY to its content)',
    );
  }
  return keys;
}
