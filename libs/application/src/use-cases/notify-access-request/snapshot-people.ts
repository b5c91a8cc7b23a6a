import type { SnapshotStore } from '#vigie/identity';
import type { PersonRef } from '#vigie/requests';

/**
 * People by person key (`<directory>:<DN>`), as the latest snapshots know them: how an approver named by key on a
 * stage gets a mail address. A key no snapshot holds (the account went since) is left out: it has no mail to send to.
 */
export class SnapshotPeople {
  constructor(
    private readonly snapshots: Pick<SnapshotStore, 'find' | 'records'>,
    /** The directory library's normalizeDn: how snapshots key their rows. */
    private readonly normaliseDn: (dn: string) => string,
  ) {}

  async byKeys(keys: readonly string[]): Promise<PersonRef[]> {
    const byDirectory = new Map<string, Map<string, string>>();
    for (const key of new Set(keys)) {
      const at = key.indexOf(':');
      if (at <= 0) continue;
      const [directory, dn] = [key.slice(0, at), key.slice(at + 1)];
      if (!byDirectory.has(directory)) byDirectory.set(directory, new Map());
      byDirectory.get(directory)!.set(this.normaliseDn(dn), key);
    }
    const found = await Promise.all(
      [...byDirectory].map(async ([directory, keyByDn]) => {
        const refs = await this.snapshots.find(directory, { dnNorms: [...keyByDn.keys()] });
        const accounts = refs.filter((r) => r.table === 'account').map((r) => r.dnNorm);
        if (!accounts.length) return [];
        const { accounts: records } = await this.snapshots.records(directory, { account: accounts, group: [], object: [] });
        return records.flatMap((a): PersonRef[] => {
          const key = keyByDn.get(a.dnNorm);
          return key ? [{ key, directory, dn: a.dn, login: a.login, name: a.displayName, mail: a.mail, employeeId: a.employeeId }] : [];
        });
      }),
    );
    return found.flat();
  }
}
