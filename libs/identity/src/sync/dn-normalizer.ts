import { normalizeDn } from '#vigie/directory';

/**
 * normalizeDn with a memory: a directory names the same DNs over and over (every member value is
 * an entry DN, each user sits in several groups), so each spelling is parsed once per run.
 */
export class DnNormalizer {
  private readonly cache = new Map<string, string | null>();

  /** The normalised DN, or null when `dn` is not a DN. */
  normalize(dn: string): string | null {
    let norm = this.cache.get(dn);
    if (norm === undefined) {
      try {
        norm = normalizeDn(dn);
      } catch {
        norm = null;
      }
      this.cache.set(dn, norm);
    }
    return norm;
  }

  /** Records a spelling already normalised (an entry's own DN). */
  remember(dn: string, norm: string): void {
    this.cache.set(dn, norm);
  }
}
