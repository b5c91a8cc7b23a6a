import type { AccountRecord } from '#vigie/identity';
import { type Policy, PROTECTED_ACCOUNT_EXEMPTIONS } from '#vigie/policy';

/**
 * Whether a rule leaves an account alone because the policy protects it (settings `protectedAccounts`): a break-glass
 * account is inactive and keeps its password on purpose, and reporting it every night would teach the officer to
 * ignore the rule. Only the rules of the entry's `exemptFrom` (the catalogue's defaults otherwise) are silenced.
 */
export function protectedAccountExemptions(policy: Pick<Policy, 'settings'>): (ruleId: string, account: AccountRecord | undefined) => boolean {
  const entries = policy.settings.protectedAccounts ?? [];
  if (!entries.length) return () => false;
  const byLogin = new Map<string, Array<{ directory?: string; rules: ReadonlySet<string> }>>();
  for (const entry of entries) {
    const list = byLogin.get(entry.login.toLowerCase()) ?? [];
    list.push({ directory: entry.directory?.toLowerCase(), rules: new Set(entry.exemptFrom ?? PROTECTED_ACCOUNT_EXEMPTIONS) });
    byLogin.set(entry.login.toLowerCase(), list);
  }
  return (ruleId, account) => {
    const list = account?.login ? byLogin.get(account.login.toLowerCase()) : undefined;
    return !!list?.some((entry) => (entry.directory === undefined || entry.directory === account!.directory.toLowerCase()) && entry.rules.has(ruleId));
  };
}
