import { explainEntitlement, type PathStep } from '#vigie/access';
import type { AccountRecord } from '#vigie/identity';
import { ACCESS_LEVELS, levelsAtOrAbove, type ResourceDef, type SodEntitlement, type SodRuleDef } from '#vigie/policy';
import type { AuditContext, DirectoryView } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

export interface Holding {
  view: DirectoryView;
  account: AccountRecord;
}

/**
 * ISO 27001:2022 5.3 (A.6.1.2): no one may hold together the entitlements an SoD rule of the policy lists, whether
 * through direct, nested or primary-group membership. With scope `identity` a person's accounts count together
 * (same employee id, any directory), so a separate admin account does not hide a conflict; with scope `account` each
 * account stands alone (tiering). One finding per person (or account) and SoD rule, explaining every path.
 */
export class SodRule implements AuditRule {
  readonly id = 'G-SOD';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const conflict of sodConflicts(ctx.directories, ctx.policy.sodRules, ctx.resourcesById)) emit(sodFinding(conflict, ctx.resourcesById));
  }
}

/** Who holds what of one SoD rule's entitlements: entitlement `index` of the rule, and the accounts that hold it. */
export interface SodHeld {
  index: number;
  holdings: Holding[];
}

/** One person (or account, with scope account) holding more of a rule's entitlements than it allows. */
export interface SodConflict {
  rule: SodRuleDef;
  held: SodHeld[];
}

/**
 * Every conflict with the SoD rules in these directories, through direct, nested and primary-group membership: what
 * G-SOD reports each night, and what an access request is checked against before anyone approves it (on a copy of
 * the directory where the beneficiary already holds what they ask for). `only` keeps the holders whose key (see
 * sodHolderKey) it accepts: one person's conflicts, without building everyone's.
 */
export function sodConflicts(
  views: readonly DirectoryView[],
  rules: readonly SodRuleDef[],
  resourcesById: ReadonlyMap<string, ResourceDef>,
  only: (rule: SodRuleDef, key: string) => boolean = () => true,
): SodConflict[] {
  if (!rules.length) return [];
  const conflicts: SodConflict[] = [];
  const reach = new Map(views.map((view) => [view, new DownwardReach(view)]));
  for (const rule of rules) {
    // holders[i]: who holds entitlement i, by identity (or account) key, with the accounts that hold it.
    const holders = rule.entitlements.map((entitlement) => {
      const byKey = new Map<string, Holding[]>();
      for (const view of views) {
        const conferring = conferringGroups(view, entitlement, resourcesById);
        for (const account of reach.get(view)!.accountsReaching(conferring)) {
          if (account.kind !== 'user' || !account.enabled) continue;
          const key = sodHolderKey(rule, account);
          if (!only(rule, key)) continue;
          const holdings = byKey.get(key);
          if (holdings) holdings.push({ view, account });
          else byKey.set(key, [{ view, account }]);
        }
      }
      return byKey;
    });
    const keys = new Set(holders.flatMap((byKey) => [...byKey.keys()]));
    for (const key of [...keys].sort()) {
      const held = holders.flatMap((byKey, index) => (byKey.has(key) ? [{ index, holdings: byKey.get(key)! }] : []));
      if (held.length > rule.maxHeld) conflicts.push({ rule, held });
    }
  }
  return conflicts;
}

/** A conflict as G-SOD reports it: on which account, its message, evidence and every path. */
export function sodFinding(
  { rule, held }: SodConflict,
  resourcesById: ReadonlyMap<string, ResourceDef>,
): FindingDraft & { view: DirectoryView; account: AccountRecord } {
  const explained = held.map(({ index, holdings }) => {
    const entitlement = rule.entitlements[index];
    const holding = firstBy(holdings);
    return { entitlement, holding, steps: explainHolding(holding, entitlement, resourcesById) };
  });
  // The finding is filed on the account that holds the most of the entitlements (then the first by DN), so it keeps
  // its id from one run to the next while the conflict lasts.
  const counts = new Map<string, { holding: Holding; count: number }>();
  for (const { holdings } of held) {
    for (const holding of holdings) {
      const id = accountId(holding);
      counts.set(id, { holding, count: (counts.get(id)?.count ?? 0) + 1 });
    }
  }
  const subject = [...counts.values()].sort((a, b) => b.count - a.count || compare(accountId(a.holding), accountId(b.holding)))[0].holding;
  const labels = explained.map(({ entitlement }) => describe(entitlement, resourcesById));
  const accounts = [...new Set(explained.map(({ holding }) => holding.account.login ?? holding.account.dn))];
  const through = accounts.length > 1 ? ` through accounts ${accounts.join(' and ')}` : '';
  return {
    view: subject.view,
    account: subject.account,
    key: rule.id,
    severity: rule.severity,
    message: `Holds incompatible entitlements${through}: ${labels.join(' and ')} (SoD rule ${rule.id}: ${rule.description})`,
    evidence: {
      sodRule: rule.id,
      description: rule.description,
      scope: rule.scope,
      maxHeld: rule.maxHeld,
      policyFile: `${rule.source.file}:${rule.source.line}`,
      held: explained.map(({ entitlement, holding, steps }) => ({
        entitlement: describe(entitlement, resourcesById),
        directory: holding.account.directory,
        login: holding.account.login,
        via: steps.group,
      })),
    },
    explain: explained.flatMap(({ entitlement, steps }) => [`held: ${describe(entitlement, resourcesById)}`, ...steps.lines]),
  };
}

/** The groups (dnNorm) of one directory that confer an entitlement: those the resource grants at the level or above, or the group. */
function conferringGroups(view: DirectoryView, entitlement: SodEntitlement, resources: ReadonlyMap<string, ResourceDef>): string[] {
  const memberships = view.access.memberships;
  if ('group' in entitlement) return memberships.resolveGroup(entitlement.group).map((g) => g.dnNorm);
  const resource = resources.get(entitlement.resource);
  if (!resource) return [];
  const levels = entitlement.level ? levelsAtOrAbove(entitlement.level) : ACCESS_LEVELS;
  return levels.flatMap((level) => (resource.grants[level] ?? []).flatMap((ref) => memberships.resolveGroup(ref).map((g) => g.dnNorm)));
}

/**
 * The shortest path from the account to a group conferring the entitlement, as readable lines. Resource entitlements
 * come from the account's effective access, which the view computes once per account for every rule.
 */
function explainHolding(holding: Holding, entitlement: SodEntitlement, resources: ReadonlyMap<string, ResourceDef>): { lines: string[]; group: string } {
  const { view, account } = holding;
  if ('resource' in entitlement) {
    const levels: readonly string[] = entitlement.level ? levelsAtOrAbove(entitlement.level) : ACCESS_LEVELS;
    const held = view.entitlementsOf(account).filter((e) => e.resourceId === entitlement.resource && levels.includes(e.level));
    // accountsReaching() and the effective access walk the same memberships, so a holder always holds one.
    const best = held.reduce((a, b) => (b.path.length < a.path.length ? b : a));
    return { lines: explainEntitlement(best), group: best.groupName };
  }
  const memberships = view.access.memberships;
  let best: PathStep[] | undefined;
  let group = '';
  for (const groupDnNorm of conferringGroups(view, entitlement, resources)) {
    const steps = memberships.pathTo(account, groupDnNorm);
    if (!steps) continue;
    if (!best || steps.length < best.length) [best, group] = [steps, memberships.principalByKey(groupDnNorm)!.name];
  }
  return { lines: best!.map((s) => `${s.member} ∈ ${s.group} (${s.how})`), group };
}

function describe(entitlement: SodEntitlement, resources: ReadonlyMap<string, ResourceDef>): string {
  if ('group' in entitlement) return `member of ${entitlement.group}`;
  const name = resources.get(entitlement.resource)?.name;
  return `${entitlement.level ?? 'access'} on ${entitlement.resource}${name ? ` (${name})` : ''}`;
}

/** Scope identity: the person behind the account (employee id, in every directory); else the account itself. */
export function sodHolderKey(rule: SodRuleDef, account: AccountRecord): string {
  const employeeId = account.employeeId?.trim();
  if (rule.scope === 'identity' && employeeId) return `person\u0000${employeeId.toLowerCase()}`;
  return `account\u0000${account.directory}\u0000${account.dnNorm}`;
}

const accountId = ({ account }: Holding) => `${account.directory}\u0000${account.dnNorm}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const firstBy = (holdings: Holding[]) => [...holdings].sort((a, b) => compare(accountId(a), accountId(b)))[0];

/** Who is in a group, through nesting of any depth and the AD primary group: the membership graph walked downwards. */
class DownwardReach {
  private readonly children = new Map<string, string[]>();
  private readonly accounts = new Map<string, AccountRecord>();

  constructor(view: DirectoryView) {
    const { snapshot, access } = view;
    for (const m of snapshot.memberships) this.link(m.groupDnNorm, m.memberDnNorm);
    for (const account of snapshot.accounts) {
      this.accounts.set(account.dnNorm, account);
      const primary = access.memberships.primaryGroupOf(account);
      if (primary) this.link(primary.dnNorm, account.dnNorm);
    }
  }

  accountsReaching(groupDnNorms: string[]): AccountRecord[] {
    const seen = new Set<string>(groupDnNorms);
    const queue = [...seen];
    const found: AccountRecord[] = [];
    for (let i = 0; i < queue.length; i++) {
      for (const member of this.children.get(queue[i]) ?? []) {
        if (seen.has(member)) continue;
        seen.add(member);
        const account = this.accounts.get(member);
        if (account) found.push(account);
        else queue.push(member);
      }
    }
    return found;
  }

  private link(group: string, member: string): void {
    const list = this.children.get(group);
    if (list) list.push(member);
    else this.children.set(group, [member]);
  }
}
