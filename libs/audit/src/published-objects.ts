import type { DirectoryObjectRecord, DirectorySnapshot } from '#vigie/identity';

/**
 * The shares (volume) and printers (printQueue) a directory publishes, by UNC path and by name: how a resource of the
 * policy, named by its UNC path or printer queue, is found in the directory, and how a published object no resource
 * names is told apart.
 */
export class PublishedObjects {
  private readonly byName = new Map<string, DirectoryObjectRecord>();
  readonly all: readonly DirectoryObjectRecord[];

  constructor(snapshot: DirectorySnapshot) {
    this.all = (snapshot.objects ?? []).filter((o) => o.kind === 'share' || o.kind === 'printer');
    // The UNC path first: a printer's bare name (PAR-1) may be shared by queues of two servers.
    for (const o of this.all) if (o.uncName && !this.byName.has(uncKey(o.uncName))) this.byName.set(uncKey(o.uncName), o);
    for (const o of this.all) if (!this.byName.has(uncKey(o.name))) this.byName.set(uncKey(o.name), o);
  }

  /** The published share or printer a resource of the policy names (its `name`), if the directory holds one. */
  find(name: string): DirectoryObjectRecord | undefined {
    return this.byName.get(uncKey(name));
  }
}

/** UNC paths compare case-insensitively, with either slash and without a trailing one. */
export function uncKey(name: string): string {
  return name.trim().replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();
}

/** How a finding names a published object: its UNC path (uNCName) when it has one, else its name. */
export function publishedName(o: DirectoryObjectRecord): string {
  return o.uncName ?? o.name;
}
