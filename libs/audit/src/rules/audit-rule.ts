import type { AccountRecord } from '#vigie/identity';
import type { ResourceDef } from '#vigie/policy';
import type { AuditContext, DirectoryView } from '../audit-context.js';
import type { Severity } from '../finding.model.js';

/** What a rule reports; the engine adds the stable id and applies the policy's severity override. */
export interface FindingDraft {
  view: DirectoryView;
  account: AccountRecord;
  resource?: ResourceDef;
  /** Tells apart findings of one rule on one subject that concern no single resource (the SoD rule id for G-SOD). */
  key?: string;
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
