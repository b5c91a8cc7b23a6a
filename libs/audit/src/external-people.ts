import type { AccountRecord } from '#vigie/identity';
import type { ExternalPersonDef, Policy } from '#vigie/policy';

/** The first instant an external person's engagement is over: the day after `endDate`, 00:00 UTC. */
export function externalEnd(external: Pick<ExternalPersonDef, 'endDate'>): Date {
  return new Date(Date.parse(`${external.endDate}T00:00:00Z`) + 86_400_000);
}

/** The entry of the external-people inventory (`externals/`) for this account, if the policy lists it. */
export function externalPersonOf(policy: Pick<Policy, 'externals'>, account: AccountRecord): ExternalPersonDef | undefined {
  const login = account.login?.toLowerCase();
  if (!login) return undefined;
  return (policy.externals ?? []).find(
    (external) =>
      external.login.toLowerCase() === login && (external.directory === undefined || external.directory.toLowerCase() === account.directory.toLowerCase()),
  );
}
