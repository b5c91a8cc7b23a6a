import type { AccountRecord } from '#vigie/identity';
import type { Policy } from '#vigie/policy';
import type { DirectoryView } from './audit-context.js';
import { directoryViewOf } from './audit-engine.js';
import { sodConflicts, sodFinding, sodHolderKey } from './rules/g-sod.rule.js';

/** An SoD rule a new membership would break, as G-SOD would report it the night after. */
export interface SodConflictIfMember {
  sodRule: string;
  description: string;
  /** G-SOD's message: the entitlements held together, and the accounts when several. */
  message: string;
  /** Every path, line by line ("held: write on share-rh", "jdoe ∈ GG_Paie (direct)", ...). */
  explain: string[];
}

/**
 * The SoD rules the account (or, with scope identity, its person across directories) would break if it were a member
 * of the group: G-SOD's own evaluation, on a copy of the account's directory where the membership already exists, so
 * that nesting and primary groups count as they do each night. Only what the membership adds is answered: a conflict
 * the person is already in, that the membership does not make worse, is G-SOD's finding, not this request's.
 */
export function sodConflictsIfMember(
  views: readonly DirectoryView[],
  policy: Pick<Policy, 'resources' | 'sodRules' | 'settings' | 'records'>,
  account: AccountRecord,
  groupDnNorm: string,
): SodConflictIfMember[] {
  if (!policy.sodRules.length) return [];
  const resourcesById = new Map(policy.resources.map((r) => [r.id, r]));
  const only = (rule: Policy['sodRules'][number], key: string) => key === sodHolderKey(rule, account);
  const before = sodConflicts(views, policy.sodRules, resourcesById, only);
  const withMembership = views.map((view) => {
    if (view.directory !== account.directory) return view;
    const snapshot = view.snapshot;
    const added = { groupDnNorm, memberDnNorm: account.dnNorm };
    return directoryViewOf({ ...snapshot, memberships: [...snapshot.memberships, added] }, policy as Policy);
  });
  const heldBefore = new Map(before.map((c) => [c.rule.id, c.held.length]));
  return sodConflicts(withMembership, policy.sodRules, resourcesById, only)
    .filter((c) => c.held.length > (heldBefore.get(c.rule.id) ?? 0))
    .map((c) => {
      const { message, explain } = sodFinding(c, resourcesById);
      return { sodRule: c.rule.id, description: c.rule.description, message, explain: explain ?? [] };
    });
}
