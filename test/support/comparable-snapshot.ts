import type { DirectorySnapshot } from '#vigie/identity';

/** The snapshot without what differs between two directories' copies of it, in a stable order. */
export function comparable(snapshot: DirectorySnapshot) {
  const strip = <T extends { directory: string; dnNorm: string }>(list: T[]) =>
    list.map(({ directory: _, ...rest }) => rest).sort((a, b) => a.dnNorm.localeCompare(b.dnNorm));
  return {
    accounts: strip(snapshot.accounts),
    groups: strip(snapshot.groups),
    objects: strip(snapshot.objects),
    memberships: snapshot.memberships.map((m) => `${m.groupDnNorm} <- ${m.memberDnNorm}`).sort(),
  };
}
