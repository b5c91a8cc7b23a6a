import { Injectable, Logger } from '@nestjs/common';
import { HrSource } from '#vigie/hr';
import { SnapshotStore } from '#vigie/identity';
import { PolicySource } from '#vigie/policy';
import { evaluate } from './audit-engine.js';
import { type LifecyclePlan, planLifecycle } from './finding-lifecycle.js';
import type { FindingsReport } from './finding.model.js';
import { FindingStore } from './ports/finding.store.js';

export interface AuditRunResult {
  runId: string;
  report: FindingsReport;
  counts: Record<string, number>;
  unresolvedGroupRefs: string[];
  /** What changed since the previous run: new, reopened, resolved. */
  lifecycle: LifecyclePlan;
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
    private readonly hr: HrSource,
  ) {}

  async run(options: { asOf?: Date } = {}): Promise<AuditRunResult> {
    const asOf = options.asOf ?? new Date();
    const started = Date.now();
    const runId = await this.findings.startRun(asOf);
    try {
      // An invalid policy fails the run here: the previous findings stay the current ones.
      const policy = await this.policies.load();
      const snapshots = await this.snapshots.load();
      if (!snapshots.length) throw new NothingToAuditError();
      const outcome = evaluate(snapshots, policy, asOf, { hr: await this.hr.load() });
      if (outcome.unresolvedGroupRefs.length) {
        this.logger.warn({ msg: 'policy names groups found in no directory', groups: outcome.unresolvedGroupRefs });
      }
      const lifecycle = await this.findings.completeRun(runId, policy.version, outcome.report.findings, outcome.counts, (known) =>
        planLifecycle(known, outcome.report.findings, asOf),
      );
      const durationMs = Date.now() - started;
      this.logger.log({ msg: 'audit succeeded', runId, durationMs, policyVersion: policy.version, findings: outcome.counts.total, ...lifecycle.counts });
      return { runId, ...outcome, lifecycle, durationMs };
    } catch (err) {
      await this.findings.failRun(runId, err instanceof Error ? err.message : String(err)).catch(() => undefined);
      throw err;
    }
  }
}
