import type { AccountRecord } from '#vigie/identity';
import type { ExternalPersonDef, Policy } from '#vigie/policy';

/** The first instant an external person's engagement is over: the day after `endDate`, 00:00 UTC. */
export function externalEnd(external: Pick<ExternalPersonDef, 'endDate'>): Date {
  return new Date(Date.parse(`${external.endDate}T00:00:00Z`) + 86_400_000);
}

// By login, once per policy: rules ask for every account, and an inventory holds thousands of people.
const byPolicy = new WeakMap<object, Map<string, ExternalPersonDef[]>>();

function indexOf(policy: Pick<Policy, 'externals'>): Map<string, ExternalPersonDef[]> {
  let index = byPolicy.get(policy);
  if (!index) {
    index = new Map();
    for (const external of policy.externals ?? []) {
      const key = external.login.toLowerCase();
      index.set(key, [...(index.get(key) ?? []), external]);
    }
    byPolicy.set(policy, index);
  }
  return index;
}

/** The entry of the external-people inventory (`externals/`) for this account, if the policy lists it. */
export function externalPersonOf(policy: Pick<Policy, 'externals'>, account: AccountRecord): ExternalPersonDef | undefined {
  if (!account.login || !policy.externals?.length) return undefined;
  return indexOf(policy)
    .get(account.login.toLowerCase())
    ?.find((external) => external.directory === undefined || external.directory.toLowerCase() === account.directory.toLowerCase());
}
