import type { Policy } from './policy.types.js';
import { loadPolicy } from './policy-loader.js';

/** Where the policy comes from. An abstract class so Nest can use it as the injection token; swap sources later. */
export abstract class PolicySource {
  abstract load(): Promise<Policy>;
}

/** The policy as files in a directory (`policies/` in the repository). */
export class DirectoryPolicySource extends PolicySource {
  constructor(private readonly dir: string) {
    super();
  }

  override load(): Promise<Policy> {
    return loadPolicy(this.dir);
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
