import * as z from 'zod';
import type { VigieConfig } from '#vigie/config';
import { readRosterFile } from '#vigie/hr';
import type { SnapshotStore } from '#vigie/identity';
import { loadPolicySpec } from '#vigie/policy';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { snapshotFromLdif } from '../shared/ldif-snapshot.js';
import { rosterFormatOf } from '../shared/roster-format.js';
import { chooseSnapshots, isDirectory, isLdifExport } from '../shared/snapshot-choice.js';
import { type PolicySimulation, simulatePolicyChange } from './policy-simulation.js';

export const simulatePolicyInput = z
  .object({
    /** The candidate policy: a directory, or a git ref of the repository holding the policy directory. */
    policies: z.string().min(1, 'give the candidate policy: a directory or a git ref'),
    /** The policy to compare with; the configured one when absent. */
    base: z.string().min(1).optional(),
    /** One synchronised directory, or an LDIF export (offline, no database); every synchronised one when absent. */
    directory: z.string().min(1).optional(),
    /** An HR roster (CSV or JSON); the configured one when absent. */
    hr: z.string().min(1).optional(),
    asOf: z.date().optional(),
  })
  .strict();

/**
 * What-if before merging a policy change: both policies evaluated on the same directories, then the findings that
 * would appear, disappear or change severity, and whose access would change compliance, with the deciding rule.
 */
export class SimulatePolicy implements UseCase<typeof simulatePolicyInput, PolicySimulation> {
  static readonly definition: UseCaseDefinition<typeof simulatePolicyInput> = { name: 'simulate-policy', input: simulatePolicyInput };
  readonly definition = SimulatePolicy.definition;

  constructor(
    private readonly config: Pick<VigieConfig, 'policy' | 'hr'>,
    private readonly snapshots: () => Promise<SnapshotStore>,
  ) {}

  async execute(input: z.output<typeof simulatePolicyInput>): Promise<PolicySimulation> {
    const baseSpec = input.base ?? this.config.policy.dir;
    // Git refs are read from the repository of the base policy when it is a directory, else of the configured one.
    const repository = (await isDirectory(baseSpec)) ? baseSpec : this.config.policy.dir;
    const current = await loadPolicySpec(baseSpec, repository, 'the current policy');
    const candidate = await loadPolicySpec(input.policies, repository, 'the candidate policy');
    const snapshots =
      input.directory !== undefined && (await isLdifExport(input.directory))
        ? [await snapshotFromLdif(input.directory!)]
        : chooseSnapshots(await (await this.snapshots()).load(), input.directory, 'to simulate on');
    const rosterFile = input.hr ?? this.config.hr.rosterFile;
    const hr = rosterFile ? await readRosterFile(rosterFile, rosterFormatOf(this.config)) : null;
    return simulatePolicyChange(snapshots, current, candidate, input.asOf ?? new Date(), hr);
  }
}
