import * as z from 'zod';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import type { PolicyStatus } from '../policy-status/policy-status.use-case.js';

export const showPolicyInput = z.object({}).strict();

export interface PolicyInForce {
  /** The policy directory as it is now: its version, or how many problems make it invalid. */
  local: PolicyStatus['local'];
  /** The last valid version stored for the service (the one in force when the directory is invalid), its files by path and size. */
  lastValid: { version: string; firstStoredAt: Date; lastValidAt: Date; files: Array<{ path: string; bytes: number }> } | null;
  /** The last load that failed validation, with its problems. */
  lastFailure: Omit<NonNullable<PolicyStatus['lastFailure']>, 'source'> | null;
}

/**
 * The policy in force for the desk: what `vigie policy status` says, without the server's paths and with the files
 * named only (their content stays in the policy repository).
 */
export class ShowPolicy implements UseCase<typeof showPolicyInput, PolicyInForce> {
  static readonly definition: UseCaseDefinition<typeof showPolicyInput> = { name: 'show-policy', input: showPolicyInput, ability: ['read', 'Policy'] };
  readonly definition = ShowPolicy.definition;

  constructor(private readonly status: { execute(): Promise<PolicyStatus> }) {}

  async execute(): Promise<PolicyInForce> {
    const { local, lastValid, lastFailure } = await this.status.execute();
    return {
      local,
      lastValid: lastValid && {
        version: lastValid.version,
        firstStoredAt: lastValid.firstStoredAt,
        lastValidAt: lastValid.lastValidAt,
        files: lastValid.files.map((f) => ({ path: f.path, bytes: f.bytes.byteLength })),
      },
      lastFailure: lastFailure && {
        at: lastFailure.at,
        message: lastFailure.message,
        errors: lastFailure.errors,
        fallbackVersion: lastFailure.fallbackVersion,
      },
    };
  }
}
