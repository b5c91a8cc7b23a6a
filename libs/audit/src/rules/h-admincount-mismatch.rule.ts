import { domainRidOf } from '#vigie/access';
import type { GroupRecord } from '#vigie/identity';
import type { AuditContext } from '../audit-context.js';
import { isBuiltinPrivileged } from '../privileged-groups.js';
import { type AuditRule, type FindingDraft } from './audit-rule.js';

const ADMINISTRATOR_RID = 500;
const KRBTGT_RID = 502;
const GROUP_POLICY_CREATOR_OWNERS_RID = 520;
/** Protected by AdminSDHolder without being privileged groups of the catalogue: DCs, RODCs, Replicator. */
const OTHER_PROTECTED_RIDS = [516, 521];
const REPLICATOR_SID = 'S-1-5-32-552';

/**
 * PingCastle A-AdminSDHolder: SDProp stamps adminCount=1 on members of the groups AdminSDHolder protects and
 * replaces their ACL every hour; it never removes it. adminCount=1 on an account outside those groups is a former
 * admin whose ACL is frozen (inheritance off) and who still looks like an admin; a member without it is one SDProp has
 * not protected (a membership added minutes ago, or a tampered object).
 *
 * What real domains look like, and is not reported: krbtgt and Administrator carry adminCount=1 whatever their
 * groups (AdminSDHolder protects them by name); Group Policy Creator Owners and the company's own privileged groups
 * (policy) are not protected by AdminSDHolder, so their members rightly lack it; Domain Controllers, Read-only Domain
 * Controllers and Replicator are protected though not "privileged" here; a membership through primaryGroupID alone
 * is not one SDProp follows. Only user accounts of AD domains are judged: OpenLDAP has no adminCount.
 */
export class AdminCountMismatchRule implements AuditRule {
  readonly id = 'H-ADMINCOUNT-MISMATCH';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      const others = [...OTHER_PROTECTED_RIDS.flatMap((rid) => view.groupsWithRid(rid)), ...view.groupsWithSid(REPLICATOR_SID)];
      for (const account of view.snapshot.accounts) {
        if (account.kind !== 'user' || domainRidOf(account.objectSid) === null) continue;
        const rid = domainRidOf(account.objectSid);
        if (rid === KRBTGT_RID) continue;
        const protectedBy = view.privilegedGroupsOf(account).filter(isProtectedPrivileged);
        if (account.adminCount === 1) {
          if (rid === ADMINISTRATOR_RID || protectedBy.length || others.some((g) => view.access.memberships.reaches(account, g.dnNorm))) continue;
          emit({
            view,
            account,
            message: 'adminCount=1 on an account that is in no group AdminSDHolder protects: a former administrator whose ACL stays frozen',
            evidence: { adminCount: 1, privilegedGroups: [], enabled: account.enabled },
            explain: [
              'adminCount is 1: SDProp protected this account once and never clears the flag',
              `${account.login} is in no group AdminSDHolder protects (Domain Admins, Administrators, operators...), directly or nested`,
              'its ACL no longer inherits from its OU: clear adminCount and re-enable inheritance',
            ],
          });
          continue;
        }
        const group = protectedBy.find((g) => !view.access.memberships.pathTo(account, g.dnNorm)?.some((s) => s.how === 'primary group'));
        if (!group) continue;
        emit({
          view,
          account,
          message: `Member of ${group.name} without adminCount=1: AdminSDHolder has not protected this account`,
          evidence: { adminCount: account.adminCount, privilegedGroups: protectedBy.map((g) => g.name), enabled: account.enabled },
          explain: [
            ...view.explainMembership(account, group),
            `${group.name} is protected by AdminSDHolder: SDProp sets adminCount=1 on its members within the hour`,
            `adminCount is ${account.adminCount ?? 'not set'}: a membership added just now, or an object someone altered`,
          ],
        });
      }
    }
  }
}

/** Built-in privileged groups AdminSDHolder protects: all but Group Policy Creator Owners (and company groups). */
function isProtectedPrivileged(group: GroupRecord): boolean {
  return isBuiltinPrivileged(group) && domainRidOf(group.objectSid) !== GROUP_POLICY_CREATOR_OWNERS_RID;
}
