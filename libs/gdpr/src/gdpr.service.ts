import { createHmac } from 'node:crypto';
import { EffectiveAccessCalculator } from '#vigie/access';
import type { AccountRecord } from '#vigie/identity';
import { SnapshotStore } from '#vigie/identity';
import { PolicySource } from '#vigie/policy';
import type { UnitOfWork } from '#vigie/common';
import { Pseudonymiser, type StoredEntry, erasureRecordInput, TrailKeys, TrailStore, TrailWriter, pseudonymsOf, toEntryView } from '#vigie/trail';
import { AccountsChangedDuringErasureError, StillInDirectoryError, UnknownDataSubjectError } from './gdpr.errors.js';
import { formsOfDn, nameVariants } from './identity-variants.js';
import { type ErasureOutcome, type IdentityForms, PersonalDataStore, type Replacement } from './ports/personal-data.store.js';
import type { SubjectAccessReport } from './subject-access.report.js';

/** What an erasure writes: the scrubbed rows and the erasure's own trail entry, in one transaction. */
export interface ErasureTransaction {
  personalData: PersonalDataStore;
  trail: TrailWriter;
}

export interface ErasureResult extends Omit<ErasureOutcome, 'trailErasure'> {
  pseudonym: string;
  accounts: number;
  /** The person had been erased before: this run erased what came back since, if anything. */
  alreadyErased: boolean;
  /** When the person was first erased (now, for a first erasure). */
  erasedAt: string;
}

/** Forms of the identity the request itself gives (the person's name and mail as they wrote them). */
export interface KnownForms {
  names?: string[];
  mails?: string[];
}

/** The rights of a data subject over what Vigie holds: access (art. 15) and erasure (art. 17). */
export class GdprService {
  private readonly pseudonyms: Pseudonymiser;
  private readonly pseudonymKey: Buffer;

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
    this.pseudonymKey = keys.pseudonymKey;
  }

  async export(query: string, given: KnownForms = {}, now = new Date()): Promise<SubjectAccessReport> {
    const { accounts, persons, forms, erasure } = await this.find(query, given);
    const pseudonymList = uniq([...persons.map((p) => p.pseudonym), ...(erasure ? [erasure.pseudonym] : [])]);
    const report: SubjectAccessReport = {
      generatedAt: now.toISOString(),
      request: query,
      identity: {
        employeeIds: forms.employeeIds,
        logins: forms.logins,
        displayNames: forms.names,
        mails: forms.mails,
        dns: forms.dns,
        pseudonyms: pseudonymList,
      },
      erasure: erasure ? { pseudonym: erasure.pseudonym, erasedAt: erasure.erasedAt.toISOString() } : null,
      heldIn: await this.data.holdings(forms),
      accounts: accounts.map((a) => ({ ...a })),
      memberships: [],
      effectiveAccess: [],
      notes: [],
      findings: await this.data.findingsAbout(forms),
      trail: [],
    };
    await this.addAccess(accounts, report);
    const entries = await this.trailOf(pseudonymList);
    const people = new Map((await this.trailStore.persons(pseudonymsOf(entries))).map((p) => [p.pseudonym, p]));
    report.trail = entries.map((e) => toEntryView(e, people));
    await this.trail.record({
      action: 'gdpr.access-exported',
      target: { type: 'person', id: pseudonymList[0] ?? this.pseudonymOfForms(forms) },
      after: { accounts: accounts.length, findings: report.findings.length, trailEntries: entries.length, erased: !!erasure },
      reason: 'data subject access request (GDPR art. 15)',
    });
    return report;
  }

  /**
   * Pseudonymises the person everywhere the personal-data registry says Vigie can hold them; the chained trail holds
   * only pseudonyms, so it still verifies, and its entries stay until their retention ends (art. 17(3)(b) and (e)).
   * Refused while the person is still in a synchronised directory, unless forced. A person erased before is not an
   * error: what came back since is erased again, and the answer says when they were first erased.
   */
  async erase(query: string, options: { force?: boolean; reason?: string } & KnownForms = {}, now = new Date()): Promise<ErasureResult> {
    const { accounts, persons, forms, erasure, known } = await this.find(query, options);
    const previously = erasure ? { alreadyErased: true, erasedAt: erasure.erasedAt.toISOString() } : { alreadyErased: false, erasedAt: now.toISOString() };
    if (!known && erasure) return { pseudonym: erasure.pseudonym, accounts: 0, rows: {}, trailEntries: 0, trailPersons: 0, ...previously };
    if (accounts.length && !options.force) throw new StillInDirectoryError(query, uniq(accounts.map((a) => `${a.directory}: ${a.login ?? a.dn}`)));
    const pseudonym = persons[0]?.pseudonym ?? erasure?.pseudonym ?? (accounts[0] ? this.pseudonymOf(accounts[0]) : this.pseudonymOfForms(forms));
    const label = `erased-${pseudonym.slice(2, 10)}`;
    const replacements: Replacement[] = [
      ...forms.dns.map((dn) => ({ value: dn, by: pseudonymousDn(dn, label) })),
      ...forms.mails.map((mail) => ({ value: mail, by: `${label}@invalid` })),
      ...forms.names.flatMap(nameVariants).map((name) => ({ value: name, by: label })),
      ...[...forms.logins, ...forms.employeeIds].map((value) => ({ value, by: label })),
    ];
    const outcome = await this.uow.run(async ({ personalData, trail }) => {
      // The precondition (which accounts the person has, none unless forced) checked again under the lock.
      const held = await personalData.lockAccounts(query.trim());
      if (!sameAccounts(held, accounts)) throw new AccountsChangedDuringErasureError(query);
      const erased = await personalData.erase({
        pseudonyms: persons.map((p) => p.pseudonym),
        accounts: accounts.map((a) => ({ directory: a.directory, dnNorm: a.dnNorm })),
        replacements,
        record: { pseudonym, digests: this.digestsOf([query, ...forms.logins, ...forms.employeeIds]), forced: !!(options.force && accounts.length) },
      });
      // The record verify holds blank personal parts to: which entries, when, by which erasure, signed.
      if (erased.trailErasure.entries.length) await trail.record(erasureRecordInput(this.keys, erased.trailErasure));
      await trail.record({
        action: 'gdpr.erased',
        target: { type: 'person', id: pseudonym },
        after: {
          accounts: accounts.length,
          trailEntries: erased.trailEntries,
          rows: erased.rows,
          forced: !!(options.force && accounts.length),
          ...(erasure ? { alreadyErased: true } : {}),
        },
        reason: options.reason ?? 'erasure request (GDPR art. 17)',
      });
      return erased;
    });
    const { trailErasure: _recorded, ...counts } = outcome;
    return { ...counts, pseudonym, accounts: accounts.length, ...previously };
  }

  /**
   * The person's accounts, trail identities and every form of their identity the registry's identifying columns
   * hold, and their past erasure if any. Unknown when nothing holds them and no erasure of them is recorded.
   */
  private async find(query: string, given: KnownForms = {}) {
    const q = query.trim();
    const accounts = await this.data.findAccounts(q);
    const persons = new Map((await this.trailStore.findPersons(q)).map((p) => [p.pseudonym, p]));
    const seed: IdentityForms = {
      employeeIds: [q, ...accounts.map((a) => a.employeeId), ...[...persons.values()].map((p) => p.employeeId)].filter(isText),
      logins: [q, ...accounts.map((a) => a.login), ...[...persons.values()].map((p) => p.login)].filter(isText),
      dns: accounts.flatMap((a) => [a.dn, a.dnNorm]),
      names: [...accounts.map((a) => a.displayName), ...[...persons.values()].map((p) => p.displayName)].filter(isText),
      mails: accounts.map((a) => a.mail).filter(isText),
      directories: accounts.map((a) => a.directory),
    };
    const found = await this.data.identify(seed);
    for (const key of uniq([...found.logins, ...found.employeeIds])) {
      for (const p of await this.trailStore.findPersons(key)) persons.set(p.pseudonym, p);
    }
    const known = accounts.length > 0 || persons.size > 0 || found.logins.length + found.employeeIds.length + found.dns.length > 0;
    // A DN names its person in its first value (their name on Active Directory): free text may write it so.
    const fromDns = found.dns.map(formsOfDn);
    const forms: IdentityForms = {
      employeeIds: uniqi([...found.employeeIds, ...[...persons.values()].map((p) => p.employeeId)]),
      logins: uniqi([...found.logins, ...[...persons.values()].map((p) => p.login), ...fromDns.flatMap((f) => f.logins)]),
      dns: uniqi(found.dns),
      names: uniqi([...found.names, ...[...persons.values()].map((p) => p.displayName), ...fromDns.flatMap((f) => f.names), ...(given.names ?? [])]),
      mails: uniqi([...found.mails, ...(given.mails ?? [])]),
      directories: uniq([...found.directories, ...[...persons.values()].map((p) => p.directory)]),
    };
    const erasure = await this.data.findErasure(this.digestsOf([q, ...forms.logins, ...forms.employeeIds]));
    if (!known && !erasure) throw new UnknownDataSubjectError(q);
    return { accounts, persons: [...persons.values()], forms, erasure, known };
  }

  /** Keyed digests of identifiers (HMAC under the pseudonym key): a guessed login cannot be tested without the key. */
  private digestsOf(identifiers: string[]): string[] {
    return uniq(identifiers.map((v) => createHmac('sha256', this.pseudonymKey).update(`gdpr-erasure:${v.trim().toLowerCase()}`).digest('hex')));
  }

  private pseudonymOfForms(forms: IdentityForms): string {
    return this.pseudonyms.pseudonym({ employeeId: forms.employeeIds[0], login: forms.logins[0] ?? forms.dns[0], directory: forms.directories[0] });
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

function sameAccounts(a: AccountRecord[], b: AccountRecord[]): boolean {
  const keys = (xs: AccountRecord[]) =>
    xs
      .map((x) => `${x.directory}\u0000${x.dnNorm}`)
      .sort()
      .join('\u0001');
  return keys(a) === keys(b);
}

function isText(v: string | null | undefined): v is string {
  return !!v && !!v.trim();
}

function uniq(values: Array<string | null | undefined>): string[] {
  return [...new Set(values.filter(isText))];
}

/** Each value once, whatever its case. */
function uniqi(values: Array<string | null | undefined>): string[] {
  return [...new Map(values.filter(isText).map((v) => [v.trim().toLowerCase(), v.trim()])).values()];
}
