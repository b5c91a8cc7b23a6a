import { Injectable, Logger } from '@nestjs/common';
import { SnapshotStore } from '#vigie/identity';
import { PolicySource } from '#vigie/policy';
import { TrailContext, TrailWriter } from '#vigie/trail';
import { evaluate } from './audit-engine.js';
import type { FindingsReport } from './finding.model.js';
import { FindingStore } from './ports/finding.store.js';

export interface AuditRunResult {
  runId: string;
  report: FindingsReport;
  counts: Record<string, number>;
  unresolvedGroupRefs: string[];
  durationMs: number;
}

export class NothingToAuditError extends Error {
  constructor() {
    super('there is no synchronised directory to audit yet. Run `vigie sync` first (and check the `directories` configuration)');
    this.name = 'NothingToAuditError';
  }
}

/** One audit run: load the policy and the snapshots, evaluate, and store the findings as the current ones. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(
    private readonly policies: PolicySource,
    private readonly snapshots: SnapshotStore,
    private readonly findings: FindingStore,
    private readonly trail: TrailWriter,
  ) {}

  async run(options: { asOf?: Date } = {}): Promise<AuditRunResult> {
    const asOf = options.asOf ?? new Date();
    const started = Date.now();
    const runId = await this.findings.startRun(asOf);
    const correlationId = TrailContext.current().correlationId ?? runId;
    const actor = { type: 'system' as const, id: 'audit' };
    try {
      // An invalid policy fails the run here: the previous findings stay the current ones.
      const policy = await this.policies.load();
      const previous = await this.findings.latestRun();
      if (previous?.policyVersion !== policy.version) {
        await this.trail.record({ action: 'policy.version-loaded', actor, correlationId, target: { type: 'policy', id: policy.version }, before: { version: previous?.policyVersion ?? null }, after: { version: policy.version, files: policy.files.length, resources: policy.resources.length, accessRules: policy.accessRules.length } });
      }
      const snapshots = await this.snapshots.load();
      if (!snapshots.length) throw new NothingToAuditError();
      const outcome = evaluate(snapshots, policy, asOf);
      if (outcome.unresolvedGroupRefs.length) {
        this.logger.warn({ msg: 'policy names groups found in no directory', groups: outcome.unresolvedGroupRefs });
      }
      await this.findings.completeRun(runId, policy.version, outcome.report.findings, outcome.counts);
      await this.trail.record({ action: 'audit-run.succeeded', actor, correlationId, target: { type: 'audit-run', id: runId }, after: { asOf: asOf.toISOString(), policyVersion: policy.version, counts: outcome.counts } });
      const durationMs = Date.now() - started;
      this.logger.log({ msg: 'audit succeeded', runId, durationMs, policyVersion: policy.version, findings: outcome.counts.total });
      return { runId, ...outcome, durationMs };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      await this.findings.failRun(runId, reason).catch(() => undefined);
      await this.trail.record({ action: 'audit-run.failed', actor, correlationId, target: { type: 'audit-run', id: runId }, after: { asOf: asOf.toISOString() }, reason }).catch((e) => this.logger.error(`could not record the failed audit run ${runId} in the trail: ${e}`));
      throw err;
    }
  }
}
