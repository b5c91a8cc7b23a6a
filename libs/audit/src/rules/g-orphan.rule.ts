import { ridOfSid } from '#vigie/directory';
import type { AuditContext } from '../audit-context.js';
import { externalPersonOf } from '../external-people.js';
import { type AuditRule, type FindingDraft, enabledUsers } from './audit-rule.js';

/**
 * ISO 27001 A.9.2.1 / 2022 5.16: every enabled person account belongs to someone HR knows, or is a
 * declared service account. Built-in accounts (RID below 1000: Administrator, Guest, krbtgt) are the domain's own.
 */
export class OrphanRule implements AuditRule {
  readonly id = 'G-ORPHAN';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    if (!ctx.hr) return;
    const services = new Set((ctx.policy.settings.serviceAccounts ?? []).map((s) => s.toLowerCase()));
    for (const view of ctx.directories) {
      for (const account of enabledUsers(view)) {
        if (account.login && services.has(account.login.toLowerCase())) continue;
        if (account.objectSid && ridOfSid(account.objectSid) < 1000) continue;
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
