import { normalizeDn } from '#vigie/directory';
import type { AccountRecord } from '#vigie/identity';
import { type Policy, PolicySource, type ResourceDef } from '#vigie/policy';
import { EffectiveAccessCalculator } from './effective-access.calculator.js';
import { AmbiguousIdentityError, DirectoryNotSynchronisedError, UnknownIdentityError, UnknownResourceError } from './effective-access.errors.js';
import { type EffectiveEntitlement, type MembershipHow, explainEntitlement, explainPath } from './effective-access.model.js';
import { AccessSliceStore } from './ports/access-slice.store.js';

export interface AccountSummary {
  directory: string;
  dn: string;
  login: string | null;
  employeeId: string | null;
  displayName: string | null;
  kind: string;
  enabled: boolean;
}

export interface ResourceSummary {
  id: string;
  type: string;
  name: string;
  criticality: string | null;
  owner: string | null;
  personalData: string[] | null;
}

/** One way an account holds a level: the granting group and the chain to it, as in the findings contract. */
export interface ExplainedEntitlement {
  level: string;
  group: string;
  explain: string[];
}

export interface ResourceAccessOfAccount {
  resource: ResourceSummary;
  levels: string[];
  entitlements: ExplainedEntitlement[];
}

export interface IdentityAccessView {
  query: string;
  policyVersion: string;
  accounts: Array<AccountSummary & { access: ResourceAccessOfAccount[] }>;
}

/** A group (or other principal) an account belongs to, and how: `via` is the group it is nested through. */
export interface HeldGroup {
  name: string;
  dn: string | null;
  kind: string;
  how: MembershipHow;
  via: string | null;
  explain: string[];
}

export interface IdentityGroupsView {
  query: string;
  /** The accounts found, and every other account of the same person (same employee id) the caller may see. */
  accounts: Array<AccountSummary & { groups: HeldGroup[] }>;
}

export interface ResourceCatalogue {
  policyVersion: string;
  resources: ResourceSummary[];
}

export interface ResourceHolderView extends AccountSummary {
  levels: string[];
  entitlements: ExplainedEntitlement[];
}

export interface ResourceAccessView {
  resource: ResourceSummary;
  policyVersion: string;
  /** What the policy names for each level, and the principals it resolves to in each directory. */
  grants: Array<{ directory: string; level: string; ref: string; principals: Array<{ name: string; dn: string | null }> }>;
  /** Levels granted to everybody (Everyone, Authenticated Users, Domain Users...), with the chain. */
  openTo: Array<{ directory: string; principal: string; level: string; explain: string[] }>;
  total: number;
  limit: number;
  offset: number;
  holders: ResourceHolderView[];
}

export interface ExplanationView {
  query: string;
  resource: ResourceSummary;
  policyVersion: string;
  grants: Array<{ level: string; ref: string }>;
  accounts: Array<AccountSummary & { levels: string[]; entitlements: ExplainedEntitlement[] }>;
}

const LEVELS = ['read', 'write', 'admin', 'local-admin'];
const byLevel = (a: string, b: string) => LEVELS.indexOf(a) - LEVELS.indexOf(b);
/** Which accounts a caller may see, by their directory and DN. */
export type AccountFilter = (account: { directory: string; dn: string }) => boolean;

/** Policy files change by pull request; re-reading them for every question would cost more than the question. */
const POLICY_MAX_AGE_MS = 5_000;
/** How old a policy may still answer while its next read runs (past that, questions wait for the read, or its error). */
const POLICY_STALE_MAX_MS = 60_000;

/**
 * Effective access questions about one identity or one resource, answered from the synchronised directories and
 * the policy: what can this person reach and how, who can reach this share and how. Reads only the slice of the
 * directory the question needs (AccessSliceStore), then runs the same calculator as the audit on it.
 */
export class EffectiveAccessService {
  private cached?: { policy: Policy; at: number };
  /** The read under way: concurrent questions share it (a 2,000-resource policy takes about a second to read). */
  private loading?: Promise<Policy>;

  constructor(
    private readonly policies: PolicySource,
    private readonly store: AccessSliceStore,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Everything the identity's accounts reach. `id` is a login, an employee id or a DN. `visible`, when given, says
   * which accounts the caller may see: the others are treated as absent (before a login is found ambiguous too), so
   * that an identity the caller may not see is answered exactly as one that does not exist.
   */
  async identityAccess(id: string, options: { directory?: string; visible?: AccountFilter } = {}): Promise<IdentityAccessView> {
    const [policy, accounts] = await Promise.all([this.policy(), this.findIdentity(id, options.directory, options.visible)]);
    const out: IdentityAccessView['accounts'] = [];
    for (const [directory, list] of groupByDirectory(accounts)) {
      const calc = await this.calculatorAbove(directory, list, policy);
      for (const account of list) {
        const byResource = new Map<string, EffectiveEntitlement[]>();
        for (const e of calc.entitlementsOf(account)) byResource.set(e.resourceId, [...(byResource.get(e.resourceId) ?? []), e]);
        const access = policy.resources.filter((r) => byResource.has(r.id)).map((r) => describeAccess(r, byResource.get(r.id)!));
        out.push({ ...summaryOf(account), access });
      }
    }
    return { query: id, policyVersion: policy.version, accounts: out };
  }

  /**
   * The identity's accounts in every directory (those found, and every account carrying the same employee id), each
   * with the groups it belongs to and how (direct, nested through which group, primary, implicit). `visible` as in
   * identityAccess.
   */
  async identityGroups(id: string, options: { directory?: string; visible?: AccountFilter } = {}): Promise<IdentityGroupsView> {
    const visible = options.visible ?? (() => true);
    const [policy, found] = await Promise.all([this.policy(), this.findIdentity(id, options.directory, visible)]);
    const accounts = new Map(found.map((a) => [`${a.directory}\n${a.dnNorm}`, a]));
    // The same person elsewhere: every directory, whatever `directory` named (it only chose the account asked about).
    for (const employeeId of new Set(found.flatMap((a) => (a.employeeId ? [a.employeeId] : [])))) {
      const same = await this.store.findAccounts({ dnNorm: null, text: employeeId });
      for (const a of same) if (a.employeeId === employeeId && visible({ directory: a.directory, dn: a.dn })) accounts.set(`${a.directory}\n${a.dnNorm}`, a);
    }
    const out: IdentityGroupsView['accounts'] = [];
    for (const [directory, list] of groupByDirectory([...accounts.values()])) {
      const slice = await this.store.above(directory, list, policy.settings.everyoneGroups);
      const memberships = new EffectiveAccessCalculator(slice, [], { everyoneGroups: policy.settings.everyoneGroups }).memberships;
      for (const account of list.sort((x, y) => x.dnNorm.localeCompare(y.dnNorm))) {
        const groups = memberships
          .groupsOf(account)
          .map(({ principal, path }): HeldGroup => {
            const last = path[path.length - 1];
            const how = last?.how ?? 'implicit';
            return {
              name: principal.name,
              dn: principal.dn,
              kind: principal.kind,
              how,
              via: how === 'nested' ? last!.member : null,
              explain: explainPath(path),
            };
          })
          .sort((a, b) => a.name.localeCompare(b.name));
        out.push({ ...summaryOf(account), groups });
      }
    }
    return { query: id, accounts: out };
  }

  /** The policy's resources, in the policy's order. */
  async resourceCatalogue(): Promise<ResourceCatalogue> {
    const policy = await this.policy();
    return { policyVersion: policy.version, resources: policy.resources.map(summaryOfResource) };
  }

  /** Who can reach the resource, and how; paginated over the directories in name order. */
  async resourceAccess(resourceId: string, options: { directory?: string; limit?: number; offset?: number } = {}): Promise<ResourceAccessView> {
    const policy = await this.policy();
    const resource = resourceOf(policy, resourceId);
    const limit = options.limit ?? 50;
    const offset = options.offset ?? 0;
    const refs = Object.values(resource.grants).flatMap((r) => r ?? []);
    const view: ResourceAccessView = {
      resource: summaryOfResource(resource),
      policyVersion: policy.version,
      grants: [],
      openTo: [],
      total: 0,
      limit,
      offset,
      holders: [],
    };
    for (const directory of await this.directories(options.directory)) {
      const slice = await this.store.below(directory, refs, policy.settings.everyoneGroups);
      const calc = new EffectiveAccessCalculator(slice, [resource], { everyoneGroups: policy.settings.everyoneGroups });
      for (const [level, list] of Object.entries(resource.grants)) {
        for (const ref of list ?? []) {
          const principals = calc
            .grantsOf(resource.id)
            .filter((g) => g.level === level && g.ref === ref)
            .map((g) => ({ name: g.principal.name, dn: g.principal.dn }));
          view.grants.push({ directory, level, ref, principals });
        }
      }
      for (const open of calc.openGrantsOf(resource.id)) {
        view.openTo.push({
          directory,
          principal: open.principal.name,
          level: open.grant.level,
          explain: [...explainPath(open.path), `${open.grant.principal.name} grants ${open.grant.level} on ${resource.id}`],
        });
      }
      const holders = calc.holdersOf(resource.id);
      const from = Math.max(0, offset - view.total);
      const room = limit - view.holders.length;
      for (const h of holders.slice(from, from + Math.max(0, room))) {
        view.holders.push({ ...summaryOf(h.account), ...describeEntitlements(h.entitlements) });
      }
      view.total += holders.length;
    }
    return view;
  }

  /** How the identity reaches the resource (every way), or that it does not. */
  async explain(id: string, resourceId: string, options: { directory?: string } = {}): Promise<ExplanationView> {
    const [policy, accounts] = await Promise.all([this.policy(), this.findIdentity(id, options.directory)]);
    const resource = resourceOf(policy, resourceId);
    const out: ExplanationView['accounts'] = [];
    for (const [directory, list] of groupByDirectory(accounts)) {
      const calc = await this.calculatorAbove(directory, list, { ...policy, resources: [resource] });
      for (const account of list) out.push({ ...summaryOf(account), ...describeEntitlements(calc.explain(account, resource.id)) });
    }
    const grants = Object.entries(resource.grants).flatMap(([level, refs]) => (refs ?? []).map((ref) => ({ level, ref })));
    return { query: id, resource: summaryOfResource(resource), policyVersion: policy.version, grants, accounts: out };
  }

  private async calculatorAbove(directory: string, accounts: AccountRecord[], policy: Policy): Promise<EffectiveAccessCalculator> {
    const slice = await this.store.above(directory, accounts, policy.settings.everyoneGroups);
    return new EffectiveAccessCalculator(slice, policy.resources, { everyoneGroups: policy.settings.everyoneGroups });
  }

  private async findIdentity(id: string, directory?: string, visible: AccountFilter = () => true): Promise<AccountRecord[]> {
    const text = id.trim();
    if (directory) await this.directories(directory);
    let dnNorm: string | null = null;
    if (text.includes('=')) {
      try {
        dnNorm = normalizeDn(text);
      } catch {
        dnNorm = null;
      }
    }
    const found = (await this.store.findAccounts({ dnNorm, text }, directory)).filter((a) => visible({ directory: a.directory, dn: a.dn }));
    // A DN names one object; a login one account per directory; an employee id one person, who may have several.
    const byDn = found.filter((a) => a.dnNorm === dnNorm);
    if (byDn.length) return byDn;
    const byLogin = found.filter((a) => a.login?.toLowerCase() === text.toLowerCase());
    if (byLogin.length) {
      const directories = [...new Set(byLogin.map((a) => a.directory))].sort();
      if (directories.length > 1) throw new AmbiguousIdentityError(text, directories);
      return byLogin;
    }
    const byEmployee = found.filter((a) => a.employeeId === text);
    if (byEmployee.length) return byEmployee;
    throw new UnknownIdentityError(text, directory);
  }

  private async directories(only?: string): Promise<string[]> {
    const known = await this.store.directories();
    if (only === undefined) return known;
    if (!known.includes(only)) throw new DirectoryNotSynchronisedError(only, known);
    return [only];
  }

  /**
   * The policy, read at most once per POLICY_MAX_AGE_MS: one read shared by every question that comes while it runs,
   * and the previous policy answering meanwhile (for up to POLICY_STALE_MAX_MS). Before, fifty questions at once each
   * read the files every five seconds, and a busy API spent its time reading the policy.
   */
  private policy(): Promise<Policy> {
    const cached = this.cached;
    const age = cached ? this.now() - cached.at : Infinity;
    if (cached && age <= POLICY_MAX_AGE_MS) return Promise.resolve(cached.policy);
    const loading = (this.loading ??= this.policies
      .load()
      .then((policy) => {
        this.cached = { policy, at: this.now() };
        return policy;
      })
      .finally(() => {
        this.loading = undefined;
      }));
    if (cached && age <= POLICY_STALE_MAX_MS) {
      loading.catch(() => undefined); // the next question past the stale limit gets the error
      return Promise.resolve(cached.policy);
    }
    return loading;
  }
}

function resourceOf(policy: Policy, id: string): ResourceDef {
  const resource = policy.resources.find((r) => r.id === id);
  if (!resource)
    throw new UnknownResourceError(
      id,
      policy.resources.map((r) => r.id),
    );
  return resource;
}

function groupByDirectory(accounts: AccountRecord[]): Map<string, AccountRecord[]> {
  const out = new Map<string, AccountRecord[]>();
  for (const a of [...accounts].sort((x, y) => x.directory.localeCompare(y.directory))) out.set(a.directory, [...(out.get(a.directory) ?? []), a]);
  return out;
}

function describeAccess(resource: ResourceDef, entitlements: EffectiveEntitlement[]): ResourceAccessOfAccount {
  return { resource: summaryOfResource(resource), ...describeEntitlements(entitlements) };
}

function describeEntitlements(entitlements: EffectiveEntitlement[]): { levels: string[]; entitlements: ExplainedEntitlement[] } {
  const sorted = [...entitlements].sort((a, b) => byLevel(b.level, a.level) || a.path.length - b.path.length);
  return {
    levels: [...new Set(sorted.map((e) => e.level))].sort(byLevel),
    entitlements: sorted.map((e) => ({ level: e.level, group: e.groupName, explain: explainEntitlement(e) })),
  };
}

export function summaryOf(a: AccountRecord): AccountSummary {
  return { directory: a.directory, dn: a.dn, login: a.login, employeeId: a.employeeId, displayName: a.displayName, kind: a.kind, enabled: a.enabled };
}

function summaryOfResource(r: ResourceDef): ResourceSummary {
  return { id: r.id, type: r.type, name: r.name, criticality: r.criticality ?? null, owner: r.owner ?? null, personalData: r.personalData?.categories ?? null };
}
