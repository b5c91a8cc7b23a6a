import { existsSync } from 'node:fs';
import * as z from 'zod';
import type { VigieConfig } from '#vigie/config';
import { GroupReferenceResolver } from '#vigie/access';
import type { DirectorySnapshot, SnapshotStore } from '#vigie/identity';
import { type KnownGroups, type Policy, PolicyValidationError, loadPolicy } from '#vigie/policy';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { snapshotFromLdif } from '../shared/ldif-snapshot.js';
import { chooseSnapshots, isLdifExport } from '../shared/snapshot-choice.js';

export const validatePolicyInput = z
  .object({
    /** The policy directory; the configured one when absent. */
    policies: z.string().min(1).optional(),
    /** Check group names against this synchronised directory, or an LDIF export; every synchronised one when absent. */
    directory: z.string().min(1).optional(),
    /** Check the files only, without any directory (no database). */
    offline: z.boolean().default(false),
  })
  .strict();

export interface PolicyValidation {
  dir: string;
  policy: Policy;
  /** What the group names were checked against, or why they were not. */
  groupNames: string;
}

/**
 * Checks every policy file and reports every error at once with file, line and what is expected; and every group
 * name the policy uses against a directory: an LDIF export, or the synchronised ones when a database exists (never
 * creating one).
 */
export class ValidatePolicy implements UseCase<typeof validatePolicyInput, PolicyValidation> {
  static readonly definition: UseCaseDefinition<typeof validatePolicyInput> = { name: 'validate-policy', input: validatePolicyInput };
  readonly definition = ValidatePolicy.definition;

  constructor(
    private readonly config: Pick<VigieConfig, 'policy' | 'database'>,
    private readonly snapshots: () => Promise<SnapshotStore>,
  ) {}

  async execute(input: z.output<typeof validatePolicyInput>): Promise<PolicyValidation> {
    const dir = input.policies ?? this.config.policy.dir;
    const directory = input.offline ? { note: 'not checked (--offline)' } : await this.directoryGroups(input.directory);
    const policy = await loadPolicy(dir, directory.known ? { knownGroups: directory.known } : {}).catch((error: unknown) => {
      if (!(error instanceof PolicyValidationError)) throw error;
      const count = error.errors.length;
      throw new PolicyValidationError(error.errors, `${dir} is invalid (${count} problem${count > 1 ? 's' : ''}; group names ${directory.note}):`);
    });
    return { dir, policy, groupNames: directory.note };
  }

  private async directoryGroups(directory?: string): Promise<{ known?: KnownGroups; note: string }> {
    // The resolver the audit uses: names, DNs, SIDs and well-known principals (Everyone...) mean the same to both.
    const groupsOf = (snapshots: DirectorySnapshot[], label: string) => GroupReferenceResolver.ofSnapshots(snapshots, { label });
    if (directory !== undefined && (await isLdifExport(directory))) {
      const snapshot = await snapshotFromLdif(directory);
      const label = `the LDIF export ${directory}`;
      return { known: groupsOf([snapshot], label), note: `checked against ${label} (${snapshot.groups.length} groups)` };
    }
    if (directory === undefined && !this.config.database.url && !existsSync(this.config.database.dataDir)) {
      return { note: 'not checked: no database yet (run `vigie sync`, or give --directory FILE.ldif)' };
    }
    const snapshots = await (await this.snapshots()).load();
    if (snapshots.length === 0 && directory === undefined) {
      return { note: 'not checked: no synchronised directory yet (run `vigie sync`, or give --directory FILE.ldif)' };
    }
    const chosen = chooseSnapshots(snapshots, directory, 'to check the group names against');
    const names = chosen.map((s) => s.directory).join(', ');
    const label = `${chosen.length > 1 ? 'directories' : 'directory'} ${names}`;
    return { known: groupsOf(chosen, label), note: `checked against ${label} (${chosen.reduce((n, s) => n + s.groups.length, 0)} groups)` };
  }
}
