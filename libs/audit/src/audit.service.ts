import { SILENT_LOGGER, type VigieLogger } from '#vigie/logging';
import { type UnitOfWork, VigieError } from '#vigie/common';
import type { HrSource } from '#vigie/hr';
import type { DirectorySnapshot, SnapshotStore, SyncChangeStore } from '#vigie/identity';
import { type LoadPolicyOptions, type PolicyFallback, type PolicySource, ruleSettingsOf } from '#vigie/policy';
import { TrailContext, type TrailWriter } from '#vigie/trail';
import { evaluate } from './audit-engine.js';
import type { AuditProgressListener, AuditTiming } from './audit-progress.js';
import { type LifecyclePlan, planLifecycle } from './finding-lifecycle.js';
import type { FindingsReport } from './finding.model.js';
import type { FindingStore } from './ports/finding.store.js';
import type { ApprovedMembershipSource } from './ports/approved-membership.source.js';
import type { LogRetentionSource } from './ports/log-retention.source.js';
import { privChangeLookbackStart } from './rules/g-priv-change.rule.js';

/** What an audit run's end writes: its findings, their lifecycle and their trail entries, in one transaction. */
export interface AuditTransaction {
  findings: FindingStore;
  trail: TrailWriter;
}

export interface AuditServiceDeps {
  policies: PolicySource;
  snapshots: SnapshotStore;
  findings: FindingStore;
  hr: HrSource;
  trail: TrailWriter;
  changes: SyncChangeStore;
  uow: UnitOfWork<AuditTransaction>;
  /** The logs Vigie keeps (R-LOG-RETENTION); the application binds the trail's. */
  logRetention?: LogRetentionSource;
  /** The memberships approved access requests stand behind (G-PRIV-CHANGE); the application binds the request store's. */
  approvedMemberships?: ApprovedMembershipSource;
  /**
   * The checks `vigie policy validate` makes against these snapshots (the application builds them, one code path for
   * both): an audit refuses a policy that validate refuses, instead of storing findings computed from it.
   */
  policyChecks?: (snapshots: readonly DirectorySnapshot[]) => LoadPolicyOptions;
  logger?: VigieLogger;
}

export interface AuditRunResult {
  runId: string;
  report: FindingsReport;
  counts: Record<string, number>;
  unresolvedGroupRefs: string[];
  /** The effective-access set-up and each rule, with its time. */
  timings: AuditTiming[];
  /** What changed since the previous run: new, reopened, resolved. */
  lifecycle: LifecyclePlan;
  durationMs: number;
  /** Set when the policy directory was invalid and the last valid policy stored was audited instead. */
  policyFallback?: PolicyFallback;
}

export class NothingToAuditError extends VigieError {
  constructor() {
    super('conflict', 'there is no synchronised directory to audit yet. Run `vigie sync` first (and check the `directories` configuration)');
  }
}

/** One audit run: load the policy and the snapshots, evaluate, and store the findings as the current ones. */
export class AuditService {
  private readonly policies: PolicySource;
  private readonly snapshots: SnapshotStore;
  private readonly findings: FindingStore;
  private readonly hr: HrSource;
  private readonly trail: TrailWriter;
  private readonly changes: SyncChangeStore;
  private readonly uow: UnitOfWork<AuditTransaction>;
  private readonly logRetention: LogRetentionSource | null;
  private readonly approvedMemberships: ApprovedMembershipSource | null;
  private readonly policyChecks: AuditServiceDeps['policyChecks'];
  private readonly logger: VigieLogger;

  constructor(deps: AuditServiceDeps) {
    ({
      policies: this.policies,
      snapshots: this.snapshots,
      findings: this.findings,
      hr: this.hr,
      trail: this.trail,
      changes: this.changes,
      uow: this.uow,
    } = deps);
    this.logRetention = deps.logRetention ?? null;
    this.approvedMemberships = deps.approvedMemberships ?? null;
    this.policyChecks = deps.policyChecks;
    this.logger = deps.logger ?? SILENT_LOGGER;
  }

  async run(options: { asOf?: Date; onProgress?: AuditProgressListener } = {}): Promise<AuditRunResult> {
    const asOf = options.asOf ?? new Date();
    const tell = options.onProgress ?? (() => undefined);
    const started = Date.now();
    const runId = await this.findings.startRun(asOf);
    const correlationId = TrailContext.current().correlationId ?? runId;
    const actor = { type: 'system' as const, id: 'audit' };
    try {
      // An invalid policy fails the run here: the previous findings stay the current ones. The snapshots come first:
      // the policy is checked against them (its group names) as `vigie policy validate` checks it.
      tell({ step: 'loading', what: 'snapshots' });
      const snapshots = await this.snapshots.load();
      tell({ step: 'loading', what: 'policy' });
      const policy = await this.policies.load(snapshots.length && this.policyChecks ? this.policyChecks(snapshots) : {});
      const previous = await this.findings.latestRun();
      if (previous?.policyVersion !== policy.version) {
        await this.trail.record({
          action: 'policy.version-loaded',
          actor,
          correlationId,
          target: { type: 'policy', id: policy.version },
          before: { version: previous?.policyVersion ?? null },
          after: { version: policy.version, files: policy.files.length, resources: policy.resources.length, accessRules: policy.accessRules.length },
        });
      }
      if (!snapshots.length) throw new NothingToAuditError();
      tell({ step: 'loading', what: 'history' });
      // A link G-PRIV-CHANGE raised stays open (or acknowledged) while it stands and is this recent; older, it counts as established.
      const privChangeSince = privChangeLookbackStart(ruleSettingsOf(policy.settings).of('G-PRIV-CHANGE'), asOf);
      const membershipAdditions = await this.changes.membershipAdditionsSince(privChangeSince);
      const approvedMemberships = (await this.approvedMemberships?.approvedMemberships(privChangeSince)) ?? null;
      const settings = ruleSettingsOf(policy.settings);
      const lockouts = await this.changes.lockoutsSince(new Date(asOf.getTime() - settings.of('H-REPEATED-LOCKOUT').windowHours * 3_600_000));
      tell({ step: 'loading', what: 'hr' });
      const hr = await this.hr.load();
      const outcome = evaluate(snapshots, policy, asOf, {
        hr,
        membershipAdditions,
        approvedMemberships,
        lockouts,
        logRetention: (await this.logRetention?.load()) ?? null,
        onProgress: options.onProgress,
      });
      tell({ step: 'storing', findings: outcome.report.findings.length });
      if (outcome.unresolvedGroupRefs.length) {
        this.logger.warn({ msg: 'policy names groups found in no directory', groups: outcome.unresolvedGroupRefs });
      }
      // The findings, their lifecycle and the trail's account of it land together, or not at all.
      const lifecycle = await this.uow.run(async ({ findings, trail }) => {
        const plan = await findings.completeRun(runId, policy.version, outcome.report.findings, outcome.counts, (known) =>
          planLifecycle(known, outcome.report.findings, asOf),
        );
        // Each finding that opened, came back or was resolved in this run, about the account it concerns.
        const transitions: Record<string, string> = {
          new: 'finding.opened',
          reopened: 'finding.reopened',
          'acceptance-expired': 'finding.reopened',
          resolved: 'finding.resolved',
        };
        await trail.recordMany(
          plan.changes
            .filter((c) => transitions[c.transition])
            .map(({ state, transition }) => ({
              action: transitions[transition],
              actor,
              correlationId,
              target: { type: 'finding', id: state.id },
              after: { rule: state.rule, severity: state.severity, status: state.status, auditRunId: runId, transition },
              subjects: state.login ? [{ login: state.login, directory: state.directory }] : [],
            })),
        );
        await trail.record({
          action: 'audit-run.succeeded',
          actor,
          correlationId,
          target: { type: 'audit-run', id: runId },
          after: { asOf: asOf.toISOString(), policyVersion: policy.version, counts: outcome.counts, lifecycle: plan.counts },
        });
        return plan;
      });
      const durationMs = Date.now() - started;
      this.logger.log({ msg: 'audit succeeded', runId, durationMs, policyVersion: policy.version, findings: outcome.counts.total, ...lifecycle.counts });
      return { runId, ...outcome, lifecycle, durationMs, ...(policy.fallback ? { policyFallback: policy.fallback } : {}) };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      await this.findings.failRun(runId, reason).catch(() => undefined);
      await this.trail
        .record({ action: 'audit-run.failed', actor, correlationId, target: { type: 'audit-run', id: runId }, after: { asOf: asOf.toISOString() }, reason })
        .catch((e) => this.logger.error(`could not record the failed audit run ${runId} in the trail: ${e}`));
      throw err;
    }
  }
}
