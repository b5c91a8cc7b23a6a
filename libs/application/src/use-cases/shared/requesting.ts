import { personKey } from '#vigie/access-control';
import { type DirectoryView, directoryViewOf, identityOf, type SodConflictIfMember, sodConflictsIfMember } from '#vigie/audit';
import { VigieError } from '#vigie/common';
import { normalizeDn } from '#vigie/directory';
import type { HrRoster, HrSource } from '#vigie/hr';
import type { AccountRecord, DirectorySnapshot, GroupRecord, SnapshotStore } from '#vigie/identity';
import { AccessPolicy, levelsAtOrAbove, type Policy, type PolicySource } from '#vigie/policy';
import { type PersonRef, type RequestableItem, requestableItems, type RequestSettings, requestSettingsOf } from '#vigie/requests';

/** Where requesting reads from: the policy in force, the latest snapshots, the HR roster. */
export interface RequestingSources {
  policies: PolicySource;
  snapshots: Pick<SnapshotStore, 'load'>;
  hr: HrSource;
}

/** The policy's decision on one item for one person, in words. */
export interface PolicyDecision {
  allowed: boolean;
  reason: string;
}

/**
 * What a request is checked against, read once per request: the policy (its access rules, SoD rules and request
 * settings) and the latest snapshots of every directory, seen as the nightly audit sees them (DirectoryView), with the
 * identity attributes the audit gives each account (HR filling what the directory leaves empty).
 */
export class RequestingWorld {
  readonly settings: RequestSettings;
  private readonly views = new Map<string, DirectoryView>();
  private accessPolicy?: AccessPolicy;

  private constructor(
    readonly policy: Policy,
    readonly snapshots: readonly DirectorySnapshot[],
    private readonly hr: HrRoster | null,
  ) {
    this.settings = requestSettingsOf(policy.settings.requests);
  }

  static async load(sources: RequestingSources): Promise<RequestingWorld> {
    const [policy, snapshots, hr] = await Promise.all([sources.policies.load(), sources.snapshots.load(), sources.hr.load()]);
    return new RequestingWorld(policy, snapshots, hr);
  }

  /** The directory as the audit sees it (effective access, privileged groups), built when first asked. */
  viewOf(directory: string): DirectoryView {
    let view = this.views.get(directory);
    if (!view) {
      const snapshot = this.snapshots.find((s) => s.directory === directory);
      if (!snapshot) throw new VigieError('not-found', `directory ${directory} has no synchronised snapshot: run \`vigie sync\` first`);
      this.views.set(directory, (view = directoryViewOf(snapshot, this.policy)));
    }
    return view;
  }

  /**
   * The person account with this login (case-insensitive) in the latest snapshots, in `directory` when given. A login
   * found in two directories is refused until the directory is named: a request must say whose access changes.
   */
  accountByLogin(login: string, directory: string | undefined, who: string): AccountRecord {
    if (directory) this.viewOf(directory);
    const wanted = login.trim().toLowerCase();
    const found = this.snapshots
      .filter((s) => !directory || s.directory === directory)
      .flatMap((s) => s.accounts.filter((a) => a.kind === 'user' && a.login?.toLowerCase() === wanted));
    if (!found.length) {
      const where = directory ? `directory ${directory}` : 'any synchronised directory';
      throw new VigieError('not-found', `no account has the login ${login} in ${where} (${who}): check the login, or synchronise the directory first`);
    }
    if (found.length > 1) {
      const directories = found.map((a) => a.directory).join(', ');
      throw new VigieError('conflict', `the login ${login} (${who}) exists in several directories (${directories}): name the directory`);
    }
    return found[0];
  }

  /** The account a signed-in person is, found by their directory and DN. */
  accountOfPerson(person: { directory: string; dn: string }): AccountRecord | undefined {
    const dnNorm = normalizeDn(person.dn);
    return this.snapshots.find((s) => s.directory === person.directory)?.accounts.find((a) => a.dnNorm === dnNorm);
  }

  /** The account's manager: their account in the same directory (the manager attribute), as a person key. */
  managerKeyOf(account: AccountRecord): string | null {
    if (!account.managerDn) return null;
    const manager = this.accountOfPerson({ directory: account.directory, dn: account.managerDn });
    return manager ? personKey(manager) : null;
  }

  /** The accounts of the owner, by employee id, in every directory (enabled person accounts: who can sign in and decide). */
  ownerKeysOf(owner: string | null): string[] {
    if (!owner) return [];
    const id = owner.trim().toLowerCase();
    return this.snapshots.flatMap((s) =>
      s.accounts.filter((a) => a.kind === 'user' && a.enabled && a.employeeId?.trim().toLowerCase() === id).map((a) => personKey(a)),
    );
  }

  /** What may be asked for by an account of this directory (privileged groups are those of its directory). */
  itemsFor(account: AccountRecord): RequestableItem[] {
    const view = this.viewOf(account.directory);
    const privileged = new Set(view.privilegedGroups().map((g) => g.dnNorm));
    return requestableItems(this.policy.resources, this.settings, (refs) =>
      refs.some((ref) => view.access.memberships.resolveGroup(ref).some((g) => privileged.has(g.dnNorm))),
    );
  }

  /** Whether the access rules allow the item for the account's identity, and which rule says so. */
  decide(account: AccountRecord, item: RequestableItem): PolicyDecision {
    if (!item.policyResource) return { allowed: true, reason: 'a requestable group of the settings: access rules are about resources' };
    this.accessPolicy ??= new AccessPolicy(this.policy);
    const identity = identityOf(account, this.hr?.find(account));
    const decision = this.accessPolicy.explainDecision(identity, item.policyResource, item.level);
    const rule =
      decision.rule && `access rule ${decision.rule.description ? `"${decision.rule.description}" ` : ''}(${decision.rule.file}:${decision.rule.line})`;
    if (decision.allowed) return { allowed: true, reason: `allowed by ${rule}` };
    if (rule) return { allowed: false, reason: `${item.level} on ${item.resource.id} is forbidden for this person by ${rule}` };
    return {
      allowed: false,
      reason: `no access rule allows ${item.level} on ${item.resource.id} for this person (department ${identity.department ?? 'none'}, title ${identity.title ?? 'none'}): deny by default`,
    };
  }

  /** How the account already reaches the item (at its level or above), as a path; null when it does not. */
  heldThrough(account: AccountRecord, item: RequestableItem): string | null {
    const memberships = this.viewOf(account.directory).access.memberships;
    if (!item.policyResource) {
      for (const group of item.groups.flatMap((ref) => memberships.resolveGroup(ref))) {
        const path = memberships.pathTo(account, group.dnNorm);
        if (path) return path.map((s) => `${s.member} ∈ ${s.group} (${s.how})`).join(', ');
      }
      return null;
    }
    const levels: readonly string[] = item.level === 'local-admin' ? ['local-admin'] : levelsAtOrAbove(item.level as 'read' | 'write' | 'admin');
    const held = this.viewOf(account.directory)
      .access.explain(account, item.resource.id)
      .filter((e) => levels.includes(e.level));
    if (!held.length) return null;
    const best = held.reduce((a, b) => (b.path.length < a.path.length ? b : a));
    return [...best.path.map((s) => `${s.member} ∈ ${s.group} (${s.how})`), `${best.groupName} grants ${best.level}`].join(', ');
  }

  /** The group a policy reference names in the account's directory (the first, when a name matches several). */
  groupOf(account: AccountRecord, ref: string): GroupRecord | null {
    return this.viewOf(account.directory).access.memberships.resolveGroup(ref)[0] ?? null;
  }

  /** The SoD rules the account (or its person) would break as a member of the group: G-SOD's code, on a copy of the directory. */
  sodConflictsIfMember(account: AccountRecord, group: GroupRecord): SodConflictIfMember[] {
    const views = this.snapshots.map((s) => this.viewOf(s.directory));
    return sodConflictsIfMember(views, this.policy, account, group.dnNorm);
  }
}

/** A person as a request names them: their account as the latest snapshot knows it. */
export function personRefOf(account: AccountRecord): PersonRef {
  return {
    key: personKey(account),
    directory: account.directory,
    dn: account.dn,
    login: account.login,
    name: account.displayName,
    mail: account.mail,
    employeeId: account.employeeId,
  };
}
