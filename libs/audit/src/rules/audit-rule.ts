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

/** Enabled person accounts: the subjects of most hygiene rules. */
export function* enabledUsers(view: DirectoryView): Iterable<AccountRecord> {
  for (const a of view.snapshot.accounts) if (a.kind === 'user' && a.enabled) yield a;
}

/** Enabled accounts of any kind (users and computers). */
export function* enabledAccounts(view: DirectoryView): Iterable<AccountRecord> {
  for (const a of view.snapshot.accounts) if (a.enabled) yield a;
}

/**
 * A person's everyday account: an enabled user with a mailbox, not declared as a service account. Administration
 * accounts (adm-…) have no mail by good practice; birthrights and peer comparisons are about everyday accounts.
 */
export function isEverydayAccount(account: AccountRecord, policy: Policy): boolean {
  return account.kind === 'user' && account.enabled && !!account.mail && !isServiceAccount(account, policy);
}

export function isServiceAccount(account: AccountRecord, policy: Policy): boolean {
  const login = account.login?.toLowerCase();
  return !!login && policy.settings.serviceAccounts.some((s) => s.toLowerCase() === login);
}
