import { ridOfSid } from '#vigie/directory';
import type { AccountRecord } from '#vigie/identity';
import type { AuditContext, DirectoryView } from '../audit-context.js';
import { externalPersonOf } from '../external-people.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';
import { isDomainController } from './h-unconstrained.rule.js';

/**
 * ISO 27001 A.9.2.1 / 2022 5.16: every enabled person account belongs to someone HR knows, or is a
 * declared service account. Built-in accounts (RID below 1000: Administrator, Guest, krbtgt) are the domain's own, and
 * so is the DNS service account a Samba domain controller makes for itself (dns-DC1, whose SPN names the DC's host).
 */
export class OrphanRule implements AuditRule {
  readonly id = 'G-ORPHAN';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    // A partial roster (HR events without an export) would call every account of a person HR never sent an orphan.
    if (!ctx.hr?.complete) return;
    const services = new Set((ctx.policy.settings.serviceAccounts ?? []).map((s) => s.toLowerCase()));
    for (const view of ctx.directories) {
      const isDcDnsAccount = dcDnsAccounts(view);
      for (const account of enabledUsers(view)) {
        if (account.login && services.has(account.login.toLowerCase())) continue;
        if (account.objectSid && ridOfSid(account.objectSid) < 1000) continue;
        if (isDcDnsAccount(account)) continue;
        if (ctx.hr.find(account)) continue;
        // An external person is a person without an HR record by definition; after their end date G-TEMP-EXPIRED reports them.
        if (externalPersonOf(ctx.policy, account)) continue;
        emit({
          view,
          account,
          message: 'Enabled account with no HR record, not in the service-account inventory nor among the external people',
          evidence: { employeeId: account.employeeId, login: account.login },
          explain: [
            account.employeeId
              ? `no HR record with employee id ${account.employeeId}, login ${account.login ?? '(none)'} or mail ${account.mail ?? '(none)'}`
              : `no employee id on the account, and no HR record with login ${account.login ?? '(none)'} or mail ${account.mail ?? '(none)'}`,
            `${account.login ?? account.dn} is not in the service-account inventory (settings serviceAccounts) nor among the external people (externals/)`,
            'the account is enabled',
          ],
        });
      }
    }
  }
}

/** Whether an account is a domain controller's DNS service account: a servicePrincipalName DNS/<the DC's host name>. */
function dcDnsAccounts(view: DirectoryView): (account: AccountRecord) => boolean {
  const dcHosts = new Set(
    view.snapshot.accounts.filter((a) => a.kind === 'computer' && isDomainController(a) && a.dnsHostName).map((a) => a.dnsHostName!.toLowerCase()),
  );
  if (!dcHosts.size) return () => false;
  return (account) => account.servicePrincipalNames.some((spn) => /^dns\//i.test(spn) && dcHosts.has(spn.slice(4).toLowerCase()));
}
