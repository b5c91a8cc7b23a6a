import type { Severity } from '#vigie/audit';
import type { PrivilegedAccount, ReportCheckpoint, RiskAcceptance } from '../compliance-report.model.js';

/** One rule of the latest audit run: how many findings, and the first few subjects in the list's order. */
export interface RuleCount {
  rule: string;
  severity: Severity;
  count: number;
  directories: string[];
  firstSubjects: string[];
}

/** What the report reads from storage, beyond the score: the latest run's findings, lifecycles, the trail's head. */
export abstract class ComplianceDataSource {
  /** The findings of the latest successful audit run, by rule, most severe first; empty before any audit. */
  abstract ruleCounts(subjectsPerRule: number): Promise<RuleCount[]>;
  /** Findings first seen, and findings resolved, in [from, to). */
  abstract lifecycleChanges(from: Date, to: Date): Promise<{ opened: number; resolved: number }>;
  /** Risks accepted and still in force at `now`, soonest to end first. */
  abstract openRiskAcceptances(now: Date, limit: number): Promise<RiskAcceptance[]>;
  /** Direct members of the privileged groups of every directory (AD groups by well-known SID or RID). */
  abstract privilegedAccounts(limit: number): Promise<PrivilegedAccount[]>;
  /** The latest signed checkpoint at or before `at`, of any chain. */
  abstract latestCheckpoint(at: Date): Promise<ReportCheckpoint | null>;
}

/** Who can reach a resource that holds personal data: the total and the first holders. */
export interface ResourceHolders {
  total: number;
  first: string[];
}

/** The resources of the policy in force, and who reaches one (the effective-access service in the application). */
export interface PolicyResources {
  personalDataResources(): Promise<Array<{ id: string; name: string; criticality: string | null; categories: string[] }>>;
  holders(resourceId: string, first: number): Promise<ResourceHolders>;
}
