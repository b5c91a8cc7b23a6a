import { EffectiveAccessCalculator } from '#vigie/access';
import type { AccountRecord } from '#vigie/identity';
import { SnapshotStore } from '#vigie/identity';
import { PolicySource } from '#vigie/policy';
import type { UnitOfWork } from '#vigie/common';
import { Pseudonymiser, type StoredEntry, erasureRecordInput, TrailKeys, TrailStore, TrailWriter, pseudonymsOf, toEntryView } from '#vigie/trail';
import { StillInDirectoryError, UnknownDataSubjectError } from './gdpr.errors.js';
import { type ErasureOutcome, PersonalDataStore, type Replacement } from './ports/personal-data.store.js';
import type { SubjectAccessReport } from './subject-access.report.js';

/** What an erasure writes: the scrubbed rows and the erasure's own trail entry, in one transaction. */
export interface ErasureTransaction {
  personalData: PersonalDataStore;
  trail: TrailWriter;
}

export interface ErasureResult extends Omit<ErasureOutcome, 'trailErasure'> {
  pseudonym: string;
  accounts: number;
}

/** The rights of a data subject over what Vigie holds: access (art. 15) and erasure (art. 17). */
export class GdprService {
  private readonly pseudonyms: Pseudonymiser;

  constructor(
    private readonly data: PersonalDataStore,
    private readonly trailStore: TrailStore,
    private readonly trail: TrailWriter,
    private readonly snapshots: SnapshotStore,
    private readonly policies: PolicySource,
    private readonly keys: TrailKeys,
    private readonly uow: UnitOfWork<ErasureTransaction>,
  ) {
    this.pseudonyms = new Pseudonymiser(keys.pseudonymKey);
  }

  async export(query: string, now = new Date()): Promise<SubjectAccessReport> {
    const { accounts, persons } = await this.find(query);
    const pseudonymList = persons.map((p) => p.pseudonym);
    const report: SubjectAccessReport = {
      generatedAt: now.toISOString(),
      request: query,
      identity: {
        employeeIds: uniq([...accounts.map((a) => a.employeeId), ...persons.map((p) => p.employeeId)]),
        logins: uniq([...accounts.map((a) => a.login), ...persons.map((p) => p.login)]),
        displayNames: uniq([...accounts.map((a) => a.displayName), ...persons.map((p) => p.displayName)]),
        mails: uniq(accounts.map((a) => a.mail)),
        pseudonyms: pseudonymList,
      },
      accounts: accounts.map((a) => ({ ...a })),
      memberships: [],
      effectiveAccess: [],
      notes: [],
      findings: await this.data.findingsAbout(accounts, uniq([...accounts.map((a) => a.login), ...persons.map((p) => p.login)])),
      trail: [],
    };
    await this.addAccess(accounts, report);
    const entries = await this.trailOf(pseudonymList);
    const people = new Map((await this.trailStore.persons(pseudonymsOf(entries))).map((p) => [p.pseudonym, p]));
    report.trail = entries.map((e) => toEntryView(e, people));
    await this.trail.record({
      action: 'gdpr.access-exported',
      target: { type: 'person', id: pseudonymList[0] ?? this.pseudonymOf(accounts[0]) },
      after: { accounts: accounts.length, findings: report.findings.length, trailEntries: entries.length },
      reason: 'data subject access request (GDPR art. 15)',
    });
    return report;
  }

  /**
   * Pseudonymises the person everywhere Vigie holds them; the chained trail holds only pseudonyms, so it still
   * verifies, and its entries stay until their retention ends (art. 17(3)(b) and (e)). Refused while the person is
   * still in a synchronised directory, unless forced.
   */
  async erase(query: string, options: { force?: boolean; reason?: string } = {}): Promise<ErasureResult> {
    const { accounts, persons } = await this.find(query);
    if (accounts.length && !options.force) throw new StillInDirectoryError(query, uniq(accounts.map((a) => `${a.directory}: ${a.login ?? a.dn}`)));
    const pseudonym = persons[0]?.pseudonym ?? this.pseudonymOf(accounts[0]);
    const label = `erased-${pseudonym.slice(2, 10)}`;
    const replacements: Replacement[] = [];
    for (const a of accounts) {
      replacements.push({ value: a.dn, by: pseudonymousDn(a.dn, label) }, { value: a.dnNorm, by: pseudonymousDn(a.dnNorm, label) });
      if (a.mail) replacements.push({ value: a.mail, by: `${label}@invalid` });
    }
    for (const v of [...accounts.flatMap((a) => [a.displayName, a.login, a.employeeId]), ...persons.flatMap((p) => [p.displayName, p.login, p.employeeId])]) {
      if (v && v.trim()) replacements.push({ value: v.trim(), by: label });
    }
    const unique = new Map(replacements.map((r) => [r.value.toLowerCase(), r]));
    const ordered = [...unique.values()].sort((a, b) => b.value.length - a.value.length);
    const outcome = await this.uow.run(async ({ personalData, trail }) => {
      const erased = await personalData.erase({
        pseudonyms: persons.map((p) => p.pseudonym),
        accounts: accounts.map((a) => ({ directory: a.directory, dnNorm: a.dnNorm })),
        replacements: ordered,
      });
      // The record verify holds blank personal parts to: which entries, when, by which erasure, signed.
      if (erased.trailErasure.entries.length) await trail.record(erasureRecordInput(this.keys, erased.trailErasure));
      await trail.record({
        action: 'gdpr.erased',
        target: { type: 'person', id: pseudonym },
        after: { accounts: accounts.length, trailEntries: erased.trailEntries, rows: erased.rows, forced: !!(options.force && accounts.length) },
        reason: options.reason ?? 'erasure request (GDPR art. 17)',
      });
      return erased;
    });
    const { trailErasure: _recorded, ...counts } = outcome;
    return { ...counts, pseudonym, accounts: accounts.length };
  }

  private async find(query: string) {
    const q = query.trim();
    const accounts = await this.data.findAccounts(q);
    const persons = new Map((await this.trailStore.findPersons(q)).map((p) => [p.pseudonym, p]));
    for (const key of uniq(accounts.flatMap((a) => [a.login, a.employeeId]))) {
      for (const p of await this.trailStore.findPersons(key)) persons.set(p.pseudonym, p);
    }
    if (!accounts.length && !persons.size) throw new UnknownDataSubjectError(q);
    return { accounts, persons: [...persons.values()] };
  }

  private pseudonymOf(a: AccountRecord): string {
    return this.pseudonyms.pseudonym({ employeeId: a.employeeId, login: a.login ?? a.dn, directory: a.directory });
  }

  private async addAccess(accounts: AccountRecord[], report: SubjectAccessReport): Promise<void> {
    if (!accounts.length) return;
    const snapshots = await this.snapshots.load(uniq(accounts.map((a) => a.directory)));
    let resources: ConstructorParameters<typeof EffectiveAccessCalculator>[1] = [];
    try {
      resources = (await this.policies.load()).resources;
    } catch (err) {
      report.notes.push(`effective access on resources is missing: the policy could not be loaded (${(err as Error).message.split('\n')[0]})`);
    }
    for (const snapshot of snapshots) {
      const calc = new EffectiveAccessCalculator(snapshot, resources);
      for (const account of accounts.filter((a) => a.directory === snapshot.directory)) {
        const name = account.login ?? account.dn;
        for (const { principal, path } of calc.memberships.groupsOf(account)) {
          // Directory groups only: the implicit Everyone and Authenticated Users say nothing about the person.
          if (!principal.group) continue;
          report.memberships.push({
            directory: snapshot.directory,
            account: name,
            group: principal.name,
            groupDn: principal.group.dn,
            how: path[path.length - 1].how,
          });
        }
        for (const e of calc.entitlementsOf(account)) {
          report.effectiveAccess.push({
            directory: snapshot.directory,
            account: name,
            resource: e.resourceId,
            level: e.level,
            viaGroup: e.groupName,
            path: e.path,
          });
        }
      }
    }
  }

  private async trailOf(pseudonyms: string[]): Promise<StoredEntry[]> {
    if (!pseudonyms.length) return [];
    const out: StoredEntry[] = [];
    let cursor = null;
    for (;;) {
      const page = await this.trailStore.query({ involving: pseudonyms }, cursor, 1000);
      out.push(...page);
      if (page.length < 1000) return out;
      const last = page[page.length - 1];
      cursor = { at: last.at, chain: last.chain, seq: last.seq };
    }
  }
}

/** The DN with its first RDN value replaced: the rest (OUs, domain) says nothing about the person. */
export function pseudonymousDn(dn: string, label: string): string {
  const m = /^([^=]+)=((?:\\.|[^,\\])*)(.*)$/s.exec(dn);
  return m ? `${m[1]}=${label}${m[3]}` : label;
}

function uniq(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter((v): v is string => !!v && !!v.trim()))];
}
