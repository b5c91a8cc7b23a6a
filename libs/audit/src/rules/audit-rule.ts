import type { Principal } from '#vigie/access';
import type { AccountRecord, GroupRecord } from '#vigie/identity';
import type { Policy, ResourceDef, RuleId } from '#vigie/policy';
import type { AuditContext, DirectoryView } from '../audit-context.js';
import type { Severity } from '../finding.model.js';

/**
 * What a rule reports; the engine adds the stable id and applies the policy's severity override. The subject is
 * the account when there is one; else the group or principal (with its view); else the directory (view alone);
 * else a log Vigie keeps; else the resource (a finding on the policy alone).
 */
export interface FindingDraft {
  view?: DirectoryView;
  account?: AccountRecord;
  group?: GroupRecord | Principal;
  resource?: ResourceDef;
  /** A log Vigie keeps (R-LOG-RETENTION), by name: `trail:access`... */
  log?: string;
  /** Tells apart findings of one rule on one subject that concern no single resource (the SoD rule id for G-SOD). */
  key?: string;
  severity?: Severity;
  message: string;
  evidence: Record<string, unknown>;
  explain?: string[];
}

export interface AuditRule {
  /** Stable product id from the rule catalogue. */
  readonly id: RuleId;
  readonly defaultSeverity: Severity;
  evaluate(ctx: AuditContext, emit: (draft: FindingDraft) => void): void;
}

// Kept per snapshot: a score of rules walk them, and a generator's step per account cost each of them more than its work.
const enabledUsersOf = new WeakMap<object, readonly AccountRecord[]>();
const enabledAccountsOf = new WeakMap<object, readonly AccountRecord[]>();

/** Enabled person accounts: the subjects of most hygiene rules. */
export function enabledUsers(view: DirectoryView): readonly AccountRecord[] {
  let list = enabledUsersOf.get(view.snapshot);
  if (!list) enabledUsersOf.set(view.snapshot, (list = view.snapshot.accounts.filter((a) => a.kind === 'user' && a.enabled)));
  return list;
}

/** Enabled accounts of any kind (users and computers). */
export function enabledAccounts(view: DirectoryView): readonly AccountRecord[] {
  let list = enabledAccountsOf.get(view.snapshot);
  if (!list) enabledAccountsOf.set(view.snapshot, (list = view.snapshot.accounts.filter((a) => a.enabled)));
  return list;
}

/**
 * A person's everyday account: an enabled user with a mailbox, not declared as a service account. Administration
 * accounts (adm-…) have no mail by good practice; birthrights and peer comparisons are about everyday accounts.
 */
export function isEverydayAccount(account: AccountRecord, policy: Policy): boolean {
  return account.kind === 'user' && account.enabled && !!account.mail && !isServiceAccount(account, policy);
}

// The inventory's logins in lower case, once per policy: rules ask for every account.
const serviceLogins = new WeakMap<object, ReadonlySet<string>>();

export function isServiceAccount(account: AccountRecord, policy: Policy): boolean {
  if (!account.login || !policy.settings.serviceAccounts.length) return false;
  let logins = serviceLogins.get(policy.settings);
  if (!logins) serviceLogins.set(policy.settings, (logins = new Set(policy.settings.serviceAccounts.map((s) => s.toLowerCase()))));
  return logins.has(account.login.toLowerCase());
}
