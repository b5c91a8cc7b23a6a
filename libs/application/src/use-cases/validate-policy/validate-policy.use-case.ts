import { existsSync } from 'node:fs';
import * as z from 'zod';
import type { VigieConfig } from '#vigie/config';
import { type HrRoster, readRosterFile } from '#vigie/hr';
import type { DirectorySnapshot, SnapshotStore } from '#vigie/identity';
import { type Policy, type PolicyIssue, PolicyValidationError, loadPolicy } from '#vigie/policy';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { snapshotFromLdif } from '../shared/ldif-snapshot.js';
import { directoriesLabel, policyChecksAgainst } from '../shared/policy-checks.js';
import { rosterFormatOf } from '../shared/roster-format.js';
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
  /**
   * Valid, but looks wrong against the directory: a condition on a value no account holds, a service account, an
   * external person or a grant's login that no account has. Empty when nothing was checked against a directory.
   */
  warnings: readonly PolicyIssue[];
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
    private readonly config: Pick<VigieConfig, 'policy' | 'database'> & Partial<Pick<VigieConfig, 'hr'>>,
    private readonly snapshots: () => Promise<SnapshotStore>,
  ) {}

  async execute(input: z.output<typeof validatePolicyInput>): Promise<PolicyValidation> {
    const dir = input.policies ?? this.config.policy.dir;
    const directory = input.offline ? { note: 'not checked (--offline)' } : await this.directoryGroups(input.directory);
    // The checks an audit makes too (policyChecksAgainst): what validate refuses, an audit refuses.
    const options = directory.snapshots ? policyChecksAgainst(directory.snapshots, { label: directory.label, roster: await this.roster() }) : {};
    const policy = await loadPolicy(dir, options).catch((error: unknown) => {
      if (!(error instanceof PolicyValidationError)) throw error;
      const count = error.errors.length;
      throw new PolicyValidationError(error.errors, `${dir} is invalid (${count} problem${count > 1 ? 's' : ''}; group names ${directory.note}):`);
    });
    return { dir, policy, groupNames: directory.note, warnings: policy.warnings ?? [] };
  }

  /** The configured HR roster, whose department and title access rules read where the directory has none; none if it cannot be read. */
  private async roster(): Promise<HrRoster | null> {
    const file = this.config.hr?.rosterFile;
    if (!file) return null;
    return readRosterFile(file, rosterFormatOf({ hr: this.config.hr! })).catch(() => null);
  }

  private async directoryGroups(directory?: string): Promise<{ snapshots?: DirectorySnapshot[]; label?: string; note: string }> {
    if (directory !== undefined && (await isLdifExport(directory))) {
      const snapshot = await snapshotFromLdif(directory);
      const label = `the LDIF export ${directory}`;
      return { snapshots: [snapshot], label, note: `checked against ${label} (${snapshot.groups.length} groups)` };
    }
    if (directory === undefined && !this.config.database.url && !existsSync(this.config.database.dataDir)) {
      return { note: 'not checked: no database yet (run `vigie sync`, or give --directory FILE.ldif)' };
    }
    const snapshots = await (await this.snapshots()).load();
    if (snapshots.length === 0 && directory === undefined) {
      return { note: 'not checked: no synchronised directory yet (run `vigie sync`, or give --directory FILE.ldif)' };
    }
    const chosen = chooseSnapshots(snapshots, directory, 'to check the group names against');
    const label = directoriesLabel(chosen);
    return { snapshots: chosen, label, note: `checked against ${label} (${chosen.reduce((n, s) => n + s.groups.length, 0)} groups)` };
  }
}
