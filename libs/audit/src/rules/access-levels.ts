/** Access levels from the weakest; local-admin (on machines) ranks above admin. */
const LEVEL_ORDER = ['read', 'write', 'admin', 'local-admin'];

export function levelRank(level: string): number {
  const rank = LEVEL_ORDER.indexOf(level);
  return rank < 0 ? LEVEL_ORDER.length : rank;
}

/** The strongest of some levels. */
export function strongestLevel(levels: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const level of levels) if (best === undefined || levelRank(level) > levelRank(best)) best = level;
  return best;
}
