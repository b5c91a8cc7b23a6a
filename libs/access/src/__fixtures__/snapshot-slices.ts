import type { DirectorySnapshot } from '#vigie/identity';
import { AccessSliceStore } from '../ports/access-slice.store.js';

/** Whole snapshots as slices: a superset of any slice, which is all the service may assume. */
export class SnapshotSlices extends AccessSliceStore {
  constructor(private readonly snapshots: DirectorySnapshot[]) {
    super();
  }
  async directories() {
    return this.snapshots.map((s) => s.directory).sort();
  }
  async findAccounts(query: { dnNorm: string | null; text: string }, directory?: string) {
    return this.snapshots
      .filter((s) => !directory || s.directory === directory)
      .flatMap((s) => s.accounts)
      .filter((a) => a.dnNorm === query.dnNorm || a.login?.toLowerCase() === query.text.toLowerCase() || a.employeeId === query.text);
  }
  async above(directory: string) {
    return this.snapshots.find((s) => s.directory === directory)!;
  }
  async below(directory: string) {
    return this.snapshots.find((s) => s.directory === directory)!;
  }
}
