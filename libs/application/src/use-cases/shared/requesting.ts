import type { AccessSliceStore } from '#vigie/access';
import { personKey } from '#vigie/access-control';
import { type DirectoryView, directoryViewOf, identityOf, type SodConflictIfMember, sodConflictsIfMember } from '#vigie/audit';
import { VigieError } from '#vigie/common';
import { normalizeDn } from '#vigie/directory';
import type { HrRoster, HrSource } from '#vigie/hr';
import type { AccountRecord, GroupRecord } from '#vigie/identity';
import { AccessPolicy, levelsAtOrAbove, type Policy, type PolicySource } from '#vigie/policy';
import { type PersonRef, type RequestableItem, requestableItems, type RequestSettings, requestSettingsOf } from '#vigie/requests';

/** Where requesting reads from: the policy in force, slices of the latest snapshots, the HR roster. */
export interface RequestingSources {
  policies: PolicySource;
  slices: AccessSliceStore;
  hr: HrSource;
}

/** The policy's decision on one item for one person, in words. */
export interface PolicyDecision {
  allowed: boolean;
  reason: string;
}

/**
 * What a request is checked against: the policy (access rules, SoD rules, request settings), the HR roster, and the
 * latest snapshots, read a slice at a time (one person and the groups above them, never the whole directory).
 */
export class RequestingWorld {
  readonly settings: RequestSettings;

  private constructor(
    readonly policy: Policy,
    private readonly slices: AccessSliceStore,
    private readonly hr: HrRoster | null,
  ) {
    this.settings = requestSettingsOf(policy.settings.requests);
  }

  static async load(sources: RequestingSources): Promise<RequestingWorld> {
    const [policy, hr] = await Promise.all([sources.policies.load(), sources.hr.load()]);
    return new RequestingWorld(policy, sources.slices, hr);
  }

  /**
   * The same sources, the policy and the HR roster kept a few seconds: both change by pull request or export, and
   * reading them for every request would cost more than the request (EffectiveAccessService does the same).
   */
  static recent(sources: RequestingSources, maxAgeMs = 5_000, now: () => number = Date.now): RequestingSources {
    const policy = recent(() => sources.policies.load(), maxAgeMs, now);
    const hr = recent(() => sources.hr.load(), maxAgeMs, now);
    return { slices: sources.slices, policies: { load: policy } as PolicySource, hr: { load: hr } as HrSource };
  }

  /**
   * The person account with this login (case-insensitive) in the latest snapshots, in `directory` when given. A login
   * found in two directories is refused until the directory is named: a request must say whose access changes.
   */
  async accountByLogin(login: string, directory: string | undefined, who: string): Promise<AccountRecord> {
    if (directory && !(await this.slices.directories()).includes(directory)) {
      throw new VigieError('not-found', `directory ${directory} has no synchronised snapshot: check its name, or run \`vigie sync\` first`);
    }
    const wanted = login.trim().toLowerCase();
    const found = (await this.slices.findAccounts({ dnNorm: null, text: login.trim() }, directory)).filter(
      (a) => a.kind === 'user' && a.login?.toLowerCase() === wanted,
    );
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

  /** The account of this directory with this DN (a signed-in person, a manager attribute). */
  async accountByDn(directory: string, dn: string): Promise<AccountRecord | undefined> {
    const dnNorm = normalizeDn(dn);
    return (await this.slices.findAccounts({ dnNorm, text: '' }, directory)).find((a) => a.dnNorm === dnNorm);
  }

  /** The account's manager: their account in the same directory (the manager attribute), as a person key. */
  async managerKeyOf(account: AccountRecord): Promise<string | null> {
    const manager = account.managerDn ? await this.accountByDn(account.directory, account.managerDn) : undefined;
    return manager ? personKey(manager) : null;
  }

  /** The accounts of the owner, by employee id, in every directory (enabled person accounts: who can sign in and decide). */
  async ownerKeysOf(owner: string | null): Promise<string[]> {
    return (await this.accountsOfEmployee(owner)).filter((a) => a.enabled).map((a) => personKey(a));
  }

  /**
   * Everything the beneficiary's checks read: in each directory where the person has an account (by employee id: G-SOD
   * counts a person's accounts together), those accounts and every group above them, plus every group the policy could
   * grant with everything above it (what a request would make them reach).
   */
  async reachOf(beneficiary: AccountRecord): Promise<BeneficiaryReach> {
    const accounts = [
      beneficiary,
      ...(await this.accountsOfEmployee(beneficiary.employeeId)).filter((a) => a.dnNorm !== beneficiary.dnNorm || a.directory !== beneficiary.directory),
    ];
    const byDirectory = new Map<string, AccountRecord[]>();
    for (const a of accounts) byDirectory.set(a.directory, [...(byDirectory.get(a.directory) ?? []), a]);
    const refs = grantableRefs(this.policy, this.settings);
    const everyone = this.policy.settings.everyoneGroups;
    const views = await Promise.all(
      [...byDirectory].map(async ([directory, list]) => directoryViewOf(await this.slices.above(directory, list, everyone, refs), this.policy)),
    );
    return new BeneficiaryReach(this, beneficiary, views);
  }

  /** Whether the access rules allow the item for the account's identity, and which rule says so. */
  decide(account: AccountRecord, item: RequestableItem): PolicyDecision {
    if (!item.policyResource) return { allowed: true, reason: 'a requestable group of the settings: access rules are about resources' };
    this.accessPolicy ??= accessPolicyOf(this.policy);
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

  private accessPolicy?: AccessPolicy;

  private async accountsOfEmployee(employeeId: string | null): Promise<AccountRecord[]> {
    const id = employeeId?.trim();
    if (!id) return [];
    const found = await this.slices.findAccounts({ dnNorm: null, text: id });
    return found.filter((a) => a.kind === 'user' && a.employeeId?.trim().toLowerCase() === id.toLowerCase());
  }
}

/** The beneficiary's part of the directories, as the audit would see it: what they hold, what a request would add. */
export class BeneficiaryReach {
  private readonly view: DirectoryView;

  constructor(
    private readonly world: RequestingWorld,
    readonly account: AccountRecord,
    private readonly views: DirectoryView[],
  ) {
    this.view = views.find((v) => v.directory === account.directory)!;
  }

  /**
   * What may be asked for. A group is privileged when it is one of the directory's privileged groups (built-in AD
   * ones, the policy's privilegedGroups) or nested in one: membership of it makes its members privileged too.
   */
  items(): RequestableItem[] {
    const memberships = this.view.access.memberships;
    const privileged = this.view.privilegedGroups().flatMap((g) => memberships.principalByKey(g.dnNorm) ?? []);
    const isPrivileged = (group: GroupRecord) => {
      const from = memberships.principalByKey(group.dnNorm);
      return !!from && privileged.some((to) => to.key === from.key || memberships.pathBetween(from, to) !== null);
    };
    return requestableItems(this.world.policy.resources, this.world.settings, (refs) => refs.some((ref) => memberships.resolveGroup(ref).some(isPrivileged)));
  }

  decide(item: RequestableItem): PolicyDecision {
    return this.world.decide(this.account, item);
  }

  /** How the beneficiary already reaches the item (at its level or above), as a path; null when they do not. */
  heldThrough(item: RequestableItem): string | null {
    const memberships = this.view.access.memberships;
    if (!item.policyResource) {
      for (const group of item.groups.flatMap((ref) => memberships.resolveGroup(ref))) {
        const path = memberships.pathTo(this.account, group.dnNorm);
        if (path) return path.map((s) => `${s.member} ∈ ${s.group} (${s.how})`).join(', ');
      }
      return null;
    }
    const levels: readonly string[] = item.level === 'local-admin' ? ['local-admin'] : levelsAtOrAbove(item.level as 'read' | 'write' | 'admin');
    const held = this.view.access.explain(this.account, item.resource.id).filter((e) => levels.includes(e.level));
    if (!held.length) return null;
    const best = held.reduce((a, b) => (b.path.length < a.path.length ? b : a));
    return [...best.path.map((s) => `${s.member} ∈ ${s.group} (${s.how})`), `${best.groupName} grants ${best.level}`].join(', ');
  }

  /** The group a policy reference names in the beneficiary's directory (the first, when a name matches several). */
  groupOf(ref: string): GroupRecord | null {
    return this.view.access.memberships.resolveGroup(ref)[0] ?? null;
  }

  /** The SoD rules the beneficiary (or their person) would break as a member of the group: G-SOD's code, on a copy. */
  sodConflictsIfMember(group: GroupRecord): SodConflictIfMember[] {
    return sodConflictsIfMember(this.views, this.world.policy, this.account, group.dnNorm);
  }
}

const accessPolicies = new WeakMap<Policy, AccessPolicy>();

/** The access rules of a policy, compiled once per loaded policy (kept while the policy is). */
function accessPolicyOf(policy: Policy): AccessPolicy {
  let compiled = accessPolicies.get(policy);
  if (!compiled) accessPolicies.set(policy, (compiled = new AccessPolicy(policy)));
  return compiled;
}

/** What `load` answered less than maxAgeMs ago, or a new load (shared by the callers that wait for it). */
export function recent<T>(load: () => Promise<T>, maxAgeMs: number, now: () => number = Date.now): () => Promise<T> {
  let kept: { value: Promise<T>; at: number } | undefined;
  return () => {
    if (!kept || now() - kept.at > maxAgeMs) {
      const value = load();
      const entry = { value, at: now() };
      kept = entry;
      // A failed load is not kept: the next caller tries again.
      value.catch(() => {
        if (kept === entry) kept = undefined;
      });
    }
    return kept.value;
  };
}

/** Every group a request could make someone reach, and every group the SoD rules and privileged groups name. */
function grantableRefs(policy: Policy, settings: RequestSettings): string[] {
  const refs = new Set<string>();
  for (const resource of policy.resources) for (const groups of Object.values(resource.grants)) for (const g of groups ?? []) refs.add(g);
  for (const { group } of settings.groups) refs.add(group);
  for (const rule of policy.sodRules) for (const e of rule.entitlements) if ('group' in e) refs.add(e.group);
  for (const g of policy.settings.privilegedGroups) refs.add(g);
  return [...refs];
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
