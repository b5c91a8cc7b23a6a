import type { Policy } from './policy.types.js';
import { type LoadPolicyOptions, loadPolicy } from './policy-loader.js';

/**
 * Where the policy comes from. An abstract class so Nest can use it as the injection token; swap sources later.
 * `checks` are those of `vigie policy validate` against the directories (group names...): a policy they refuse is
 * refused here too.
 */
export abstract class PolicySource {
  abstract load(checks?: LoadPolicyOptions): Promise<Policy>;
}

/** The policy as files in a directory (`policies/` in the repository). */
export class DirectoryPolicySource extends PolicySource {
  constructor(private readonly dir: string) {
    super();
  }

  override load(checks: LoadPolicyOptions = {}): Promise<Policy> {
    return loadPolicy(this.dir, checks);
  }
}

/** An already built policy, for tests and tools that assemble one in memory. */
export class StaticPolicySource extends PolicySource {
  constructor(private readonly policy: Policy) {
    super();
  }

  override load(): Promise<Policy> {
    return Promise.resolve(this.policy);
  }
}
