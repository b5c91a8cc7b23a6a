import type { PolicyIssue } from '../policy-validation.error.js';
import type { VersionedFile } from '../policy-version.js';

/** A policy version known valid, with the exact files it was loaded from. */
export interface StoredPolicy {
  version: string;
  /** Where it was loaded from (the policy directory of the replica that stored it). */
  source: string;
  files: VersionedFile[];
  firstStoredAt: Date;
  lastValidAt: Date;
}

/** A load of the policy directory that failed validation. */
export interface PolicyLoadFailure {
  at: Date;
  source: string;
  /** The validation errors, one per line. */
  message: string;
  errors: PolicyIssue[];
  /** The version audits used instead; null when none was stored (the audit then failed). */
  fallbackVersion: string | null;
}

/**
 * Where valid policy versions and failed loads are kept, shared by every replica (the database), so that when the
 * policy directory becomes invalid every replica audits with the same last valid policy, and the failure is on record.
 */
export abstract class PolicyStore {
  /** Keeps a version that loaded valid (once per version; later loads only move lastValidAt). */
  abstract saveValid(policy: { version: string; source: string; files: VersionedFile[] }, at: Date): Promise<void>;
  /** The version most recently loaded valid, by any replica. */
  abstract lastValid(): Promise<StoredPolicy | null>;
  abstract recordFailure(failure: PolicyLoadFailure): Promise<void>;
  abstract lastFailure(): Promise<PolicyLoadFailure | null>;
}
