import type * as z from 'zod';
import type { AlertOutcome, AlertService } from '#vigie/alerts';
import type { AuditRunResult, AuditService } from '#vigie/audit';
import { type JobLock, VigieError } from '#vigie/common';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { exclusively } from '../shared/exclusively.js';
import { runAuditInput } from './run-audit.input.js';

export type RunAuditOutput = AuditRunResult & { alerts: AlertOutcome };

/**
 * The compliance audit as every entry point runs it (nightly job, command line, API): one at a time across
 * processes, evaluate and store the findings with their lifecycle and trail entries, then alert on what is new.
 */
export class RunAudit implements UseCase<typeof runAuditInput, RunAuditOutput> {
  static readonly definition: UseCaseDefinition<typeof runAuditInput> = { name: 'run-audit', input: runAuditInput, ability: ['create', 'AuditRun'] };
  readonly definition = RunAudit.definition;

  constructor(
    private readonly audit: AuditService,
    private readonly alerts: AlertService,
    private readonly lock: JobLock,
  ) {}

  async execute(input: z.output<typeof runAuditInput>): Promise<RunAuditOutput> {
    const run = await exclusively(this.lock, 'audit', () => this.audit.run({ asOf: input.asOf, onProgress: input.onProgress }));
    if (!run.ran) throw new VigieError('conflict', 'an audit is already running (the scheduler or another command): try again when it has finished');
    // A channel that fails is reported in the outcome, never fails the audit.
    return { ...run.value, alerts: await this.alerts.afterAudit(run.value) };
  }
}
