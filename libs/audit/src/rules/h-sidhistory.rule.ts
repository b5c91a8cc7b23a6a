import { domainRidOf } from '#vigie/access';
import type { AccountRecord } from '#vigie/identity';
import type { AuditContext } from '../audit-context.js';
import { type AuditRule, type FindingDraft, enabledAccounts } from './audit-rule.js';

// RIDs and well-known SIDs whose presence in sIDHistory grants administration of a domain.
const ADMIN_RIDS = new Set([500, 512, 516, 518, 519, 520, 521, 526, 527]);
const ADMIN_BUILTIN_SIDS = new Set(['S-1-5-32-544', 'S-1-5-32-548', 'S-1-5-32-549', 'S-1-5-32-550', 'S-1-5-32-551']);

/**
 * PingCastle S-SIDHistory: sIDHistory, left over from a migration, gives an account the rights of its former SIDs
 * in every domain that trusts them; once migrations are over it should be cleaned. Reported on enabled accounts (a
 * disabled one cannot sign in). A SID of the account's own domain, or one of an administrators group or account, is
 * the classic persistence backdoor (an attacker writes it to keep admin rights unseen): critical.
 */
export class SidHistoryRule implements AuditRule {
  readonly id = 'H-SIDHISTORY';
  readonly defaultSeverity = 'high' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const account of enabledAccounts(view)) {
        if (!account.sidHistory.length) continue;
        const dangerous = account.sidHistory.filter((sid) => isDangerous(sid, account));
        emit({
          view,
          account,
          severity: dangerous.length ? 'critical' : undefined,
          message: dangerous.length
            ? `sIDHistory holds ${dangerous.length === 1 ? 'a SID' : 'SIDs'} of this domain or of an administrator: ${dangerous.join(', ')}`
            : `sIDHistory is set (${account.sidHistory.length} SID${account.sidHistory.length > 1 ? 's' : ''}): rights of former SIDs still apply`,
          evidence: { sidHistory: account.sidHistory, dangerous, objectSid: account.objectSid },
          explain: [
            `sIDHistory ${account.sidHistory.join(', ')}: the account also holds every right granted to these SIDs`,
            dangerous.length
              ? `${dangerous.join(', ')} ${dangerous.length > 1 ? 'are' : 'is'} of the account's own domain (${domainOf(account.objectSid) ?? 'unknown'}) or an administrator's: no migration explains it`
              : "no SID of the account's own domain nor of an administrator: a migration left-over to clean once resources are re-permissioned",
          ],
        });
      }
    }
  }
}

function isDangerous(sid: string, account: AccountRecord): boolean {
  const upper = sid.toUpperCase();
  if (ADMIN_BUILTIN_SIDS.has(upper)) return true;
  const rid = domainRidOf(upper);
  if (rid !== null && ADMIN_RIDS.has(rid)) return true;
  const own = domainOf(account.objectSid);
  return !!own && domainOf(upper) === own;
}

/** The domain part of a domain SID (S-1-5-21-a-b-c), null for other SIDs. */
function domainOf(sid: string | null): string | null {
  if (!sid?.toUpperCase().startsWith('S-1-5-21-')) return null;
  return sid.toUpperCase().slice(0, sid.lastIndexOf('-'));
}
