import { normalizeDn } from '#vigie/directory';

/**
 * normalizeDn for member values and DN-valued attributes, where a value that is not a DN is data
 * to count, not an error. Plain DNs take normalizeDn's fast path, cheaper than any cache lookup.
 */
export class DnNormalizer {
  /** The normalized DN, or null when `dn` is not a DN. */
  normalize(dn: string): string | null {
    try {
      return normalizeDn(dn);
    } catch {
      return null;
    }
  }
}
