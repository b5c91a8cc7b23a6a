import type { Policy } from './policy.types.js';
import { type LoadPolicyOptions, loadPolicyFromFiles, loadPolicyWithFiles } from './policy-loader.js';
import { computePolicyVersion } from './policy-version.js';
import { PolicySource } from './policy-source.js';
import { PolicyValidationError } from './policy-validation.error.js';
import { PolicyStore } from './ports/policy.store.js';

export interface LastValidPolicySourceOptions {
  clock?: () => Date;
  /** Told when the stored policy stands in for an invalid directory; the error is also recorded in the store. */
  onFallback?: (event: { source: string; reason: string; version: string; lastValidAt: Date }) => void;
}

/**
 * The policy of the service: the directory's, stored as the last valid version each time it loads valid; when the
 * directory becomes invalid (a bad merge, a half-copied deployment), the last valid version stored by any replica
 * stays in force and the failure is recorded, so the nightly audit keeps running on a known policy. Meant for the
 * configured policy directory only: a directory given for one run (`vigie audit --policies`) is loaded as it is.
 */
export class LastValidPolicySource extends PolicySource {
  private readonly clock: () => Date;

  constructor(
    private readonly dir: string,
    private readonly store: PolicyStore,
    private readonly options: LastValidPolicySourceOptions = {},
  ) {
    super();
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * A directory the checks refuse (a group found in no directory) is invalid like one with a syntax error: the last
   * valid version stands in. That version is loaded as it was stored, without the checks, so that a group deleted in
   * the directory records a failure and a warning rather than stopping every audit.
   */
  override async load(checks: LoadPolicyOptions = {}): Promise<Policy> {
    let loaded: Awaited<ReturnType<typeof loadPolicyWithFiles>>;
    try {
      loaded = await loadPolicyWithFiles(this.dir, checks);
    } catch (error) {
      if (!(error instanceof PolicyValidationError)) throw error;
      return this.fallBack(error);
    }
    const { policy, files } = loaded;
    await this.store.saveValid({ version: policy.version, source: policy.dir, files }, this.clock());
    return policy;
  }

  private async fallBack(error: PolicyValidationError): Promise<Policy> {
    const failedAt = this.clock();
    const stored = await this.store.lastValid();
    await this.store.recordFailure({
      at: failedAt,
      source: this.dir,
      message: error.message,
      errors: [...error.errors],
      fallbackVersion: stored?.version ?? null,
    });
    if (!stored) {
      throw new PolicyValidationError(error.errors, `the policy in ${this.dir} is invalid, and no valid policy was ever stored to fall back on:`);
    }
    if (computePolicyVersion(stored.files) !== stored.version) {
      // The stored bytes no longer hash to their version: never audit with a policy that is not what it claims to be.
      throw new PolicyValidationError(error.errors, `the policy in ${this.dir} is invalid, and the stored version ${stored.version} is corrupt:`);
    }
    let policy: Policy;
    try {
      policy = loadPolicyFromFiles(`${stored.source} (last valid version, stored)`, stored.files);
    } catch (storedError) {
      // Valid when stored, refused now: this version of Vigie checks more than the one that stored it.
      if (!(storedError instanceof PolicyValidationError)) throw storedError;
      throw new PolicyValidationError(
        error.errors,
        `the policy in ${this.dir} is invalid, and the stored version ${stored.version} no longer validates either:`,
      );
    }
    const fallback = { source: this.dir, reason: error.message, failedAt, lastValidAt: stored.lastValidAt };
    this.options.onFallback?.({ source: this.dir, reason: error.message, version: stored.version, lastValidAt: stored.lastValidAt });
    return { ...policy, fallback };
  }
}
