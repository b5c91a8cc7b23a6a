import type { Principal } from '#vigie/access';
import type { AccountRecord, GroupRecord } from '#vigie/identity';
import type { ResourceDef } from '#vigie/policy';
import type { AuditContext, DirectoryView } from '../audit-context.js';
import type { Severity } from '../finding.model.js';

/**
 * What a rule reports; the engine adds the stable id and applies the policy's severity override. The subject is
 * the account when there is one; else the group or principal (with its view); else the directory (view alone);
 * else the resource (a finding on the policy alone).
 */
export interface FindingDraft {
  view?: DirectoryView;
  account?: AccountRecord;
  group?: GroupRecord | Principal;
  resource?: ResourceDef;
  severity?: Severity;
  message: string;
  evidence: Record<string, unknown>;
  explain?: string[];
}

export interface AuditRule {
  /** Stable product id from the rule catalogue. */
  readonly id: string;
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
