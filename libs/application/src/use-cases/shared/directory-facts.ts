import type { HrRoster } from '#vigie/hr';
import type { DirectorySnapshot } from '#vigie/identity';
import { CHECKED_ATTRIBUTES, type CheckedAttribute, type DirectoryFacts } from '#vigie/policy';

/**
 * What `policy validate` compares the policy with: the values the person accounts of these snapshots hold, with the
 * HR roster's department, title and type (access rules read those where the directory has none), and their logins.
 */
export function directoryFactsOf(snapshots: readonly DirectorySnapshot[], label: string, hr: HrRoster | null): DirectoryFacts {
  const values = new Map<CheckedAttribute, Set<string>>(CHECKED_ATTRIBUTES.map((attribute) => [attribute, new Set<string>()]));
  const logins = new Map<string, Set<string>>();
  for (const snapshot of snapshots) {
    const inDirectory = new Set<string>();
    logins.set(snapshot.directory.toLowerCase(), inDirectory);
    for (const account of snapshot.accounts) {
      if (account.login) inDirectory.add(account.login.toLowerCase());
      if (account.kind !== 'user') continue;
      for (const attribute of CHECKED_ATTRIBUTES) {
        const value = account[attribute];
        if (value) values.get(attribute)!.add(value);
      }
    }
  }
  for (const record of hr?.records ?? []) {
    for (const attribute of ['department', 'title', 'employeeType'] as const) if (record[attribute]) values.get(attribute)!.add(record[attribute]!);
  }
  return {
    label,
    valuesLabel: hr ? `${label} and the HR roster` : label,
    valuesOf: (attribute) => values.get(attribute)!,
    hasAccount(login, directory) {
      const key = login.toLowerCase();
      if (directory === undefined) return [...logins.values()].some((set) => set.has(key));
      // A directory that was not read (another one than the LDIF export checked) cannot say the account is missing.
      const set = logins.get(directory.toLowerCase());
      return set === undefined || set.has(key);
    },
  };
}
