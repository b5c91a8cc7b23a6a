import { fileURLToPath } from 'node:url';
import { aPolicy } from './__fixtures__/policy.factory.js';
import { DirectoryPolicySource, type PolicySource, StaticPolicySource } from './policy-source.js';
import { PolicyValidationError } from './policy-validation.error.js';

const fixture = (name: string) => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

describe(DirectoryPolicySource.name, () => {
  it('loads the policy from its directory', async () => {
    const sut: PolicySource = new DirectoryPolicySource(fixture('ok/acme'));
    expect((await sut.load()).resources).toHaveLength(6);
  });

  it('fails with the validation errors of an invalid policy', async () => {
    await expect(new DirectoryPolicySource(fixture('not-ok/duplicate-id')).load()).rejects.toBeInstanceOf(PolicyValidationError);
  });
});

describe(StaticPolicySource.name, () => {
  it('returns the policy it was given', async () => {
    const policy = aPolicy({});
    expect(await new StaticPolicySource(policy).load()).toBe(policy);
  });
});
