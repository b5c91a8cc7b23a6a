import * as z from 'zod';
import type { VigieConfig } from '#vigie/config';
import { type PolicyLoadFailure, type PolicyStore, PolicyValidationError, type StoredPolicy, loadPolicy } from '#vigie/policy';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';

export const policyStatusInput = z.object({}).strict();

export interface PolicyStatus {
  dir: string;
  /** The directory as it is now: its version, or how many problems make it invalid. */
  local: { valid: true; version: string } | { valid: false; problems: number };
  /** The last valid version stored for the service (shared by the replicas). */
  lastValid: StoredPolicy | null;
  lastFailure: PolicyLoadFailure | null;
}

/** The policy in force: the directory, the last valid version stored for the service, and the last failed load. */
export class PolicyStatusQuery implements UseCase<typeof policyStatusInput, PolicyStatus> {
  static readonly definition: UseCaseDefinition<typeof policyStatusInput> = { name: 'policy-status', input: policyStatusInput };
  readonly definition = PolicyStatusQuery.definition;

  constructor(
    private readonly config: Pick<VigieConfig, 'policy'>,
    private readonly store: PolicyStore,
  ) {}

  async execute(): Promise<PolicyStatus> {
    const dir = this.config.policy.dir;
    const local = await loadPolicy(dir).then(
      (p): PolicyStatus['local'] => ({ valid: true, version: p.version }),
      (error: unknown): PolicyStatus['local'] => {
        if (!(error instanceof PolicyValidationError)) throw error;
        return { valid: false, problems: error.errors.length };
      },
    );
    const [lastValid, lastFailure] = await Promise.all([this.store.lastValid(), this.store.lastFailure()]);
    return { dir, local, lastValid, lastFailure };
  }
}
