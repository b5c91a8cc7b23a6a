import { EffectiveAccessCalculator, type EffectiveEntitlement } from '#vigie/access';
import type { HrRoster } from '#vigie/hr';
import type { AccountRecord, DirectorySnapshot, GroupRecord } from '#vigie/identity';
import type { AccessPolicy, Policy, ResourceDef } from '#vigie/policy';
import { isBuiltinPrivileged } from './privileged-groups.js';

export interface RuleSettings {
  enabled: boolean;
  severity?: string;
  thresholdDays?: number;
  [param: string]: unknown;
}

/** One directory as the rules see it: its snapshot, effective access, and who is privileged. */
export class DirectoryView {
  readonly access: EffectiveAccessCalculator;
  private readonly privilegedGroups: Set<string>;
  private readonly privilegedCache = new Map<string, GroupRecord[]>();
  private readonly entitlementCache = new Map<string, EffectiveEntitlement[]>();

  constructor(
    readonly snapshot: DirectorySnapshot,
    resources: ResourceDef[],
    extraPrivilegedRefs: string[],
  ) {
    this.access = new EffectiveAccessCalculator(snapshot, resources);
    const extra = extraPrivilegedRefs.flatMap((ref) => this.access.graph.resolveGroup(ref));
    this.privilegedGroups = new Set([...snapshot.groups.filter(isBuiltinPrivileged), ...extra].map((g) => g.dnNorm));
  }

  get directory(): string {
    return this.snapshot.directory;
  }

  /** The privileged groups (built-in AD ones and the policy's own) the account effectively belongs to. */
  privilegedGroupsOf(account: AccountRecord): GroupRecord[] {
    let hit = this.privilegedCache.get(account.dnNorm);
    if (!hit) {
      hit = [...this.access.graph.groupsOf(account).values()].filter((r) => this.privilegedGroups.has(r.group.dnNorm)).map((r) => r.group);
      this.privilegedCache.set(account.dnNorm, hit);
    }
    return hit;
  }

  /** The groups the account is a direct member of (what a leaver must be removed from). */
  directGroupsOf(account: AccountRecord): GroupRecord[] {
    return [...this.access.graph.groupsOf(account).values()].filter((r) => r.how === 'direct').map((r) => r.group);
  }

  entitlementsOf(account: AccountRecord): EffectiveEntitlement[] {
    let hit = this.entitlementCache.get(account.dnNorm);
    if (!hit) {
      hit = this.access.entitlementsOf(account);
      this.entitlementCache.set(account.dnNorm, hit);
    }
    return hit;
  }
}

export interface AuditContext {
  asOf: Date;
  policy: Policy;
  hr: HrRoster | null;
  accessPolicy: AccessPolicy;
  directories: DirectoryView[];
  resourcesById: Map<string, ResourceDef>;
  settingsOf(ruleId: string): RuleSettings;
}

export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}
