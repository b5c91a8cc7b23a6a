import type { AuditRule } from './audit-rule.js';
import { AdminDailyRule } from './g-admin-daily.rule.js';
import { AgdlpRule } from './g-agdlp.rule.js';
import { ExcessVsRoleRule } from './g-excess-vs-role.rule.js';
import { LeaverRule } from './g-leaver.rule.js';
import { MissingBirthrightRule } from './g-missing-birthright.rule.js';
import { MoverRule } from './g-mover.rule.js';
import { NoOwnerRule } from './g-no-owner.rule.js';
import { OpenShareRule } from './g-open-share.rule.js';
import { OrphanRule } from './g-orphan.rule.js';
import { PeerOutlierRule } from './g-peer-outlier.rule.js';
import { ReviewOverdueRule } from './g-review-overdue.rule.js';
import { SodRule } from './g-sod.rule.js';
import { TempExpiredRule } from './g-temp-expired.rule.js';
import { AdminDelegableRule } from './h-admin-delegable.rule.js';
import { AdminLockoutRule } from './h-admin-lockout.rule.js';
import { AdminPwdOldRule } from './h-admin-pwd-old.rule.js';
import { AdminCountMismatchRule } from './h-admincount-mismatch.rule.js';
import { AsRepRule } from './h-asrep.rule.js';
import { ComputerPwdAgeRule } from './h-computer-pwd-age.rule.js';
import { DesRule } from './h-des.rule.js';
import { GuestRule } from './h-guest.rule.js';
import { InactiveAdminRule } from './h-inactive-admin.rule.js';
import { InactiveComputerRule } from './h-inactive-computer.rule.js';
import { InactiveUserRule } from './h-inactive-user.rule.js';
import { KerberoastAdminRule } from './h-kerberoast-admin.rule.js';
import { KrbtgtRule } from './h-krbtgt.rule.js';
import { LapsRule } from './h-laps.rule.js';
import { ObsoleteOsRule } from './h-obsolete-os.rule.js';
import { OperatorsRule } from './h-operators.rule.js';
import { PrivChangeRule } from './g-priv-change.rule.js';
import { PrimaryGroupRule } from './h-primarygroup.rule.js';
import { PrivNeverExpiresRule } from './h-priv-never-expires.rule.js';
import { PwdInDescriptionRule } from './h-pwd-in-description.rule.js';
import { PwdNeverExpiresRule } from './h-pwd-never-expires.rule.js';
import { PwdNotRequiredRule } from './h-pwd-not-required.rule.js';
import { PwdSprayRule } from './h-pwd-spray.rule.js';
import { RepeatedLockoutRule } from './h-repeated-lockout.rule.js';
import { ReversibleRule } from './h-reversible.rule.js';
import { SchemaAdminsRule } from './h-schema-admins.rule.js';
import { SidHistoryRule } from './h-sidhistory.rule.js';
import { TooManyAdminsRule } from './h-too-many-admins.rule.js';
import { UnconstrainedDelegationRule } from './h-unconstrained.rule.js';
import { LeaverRetentionRule } from './r-leaver-retention.rule.js';
import { LogRetentionRule } from './r-log-retention.rule.js';
import { RegisterRule } from './r-register.rule.js';
import { SpecialCategoryRule } from './r-special-category.rule.js';

export type { AuditRule, FindingDraft } from './audit-rule.js';

/** The rules this version implements, in the catalogue's order (RULE_CATALOGUE); the ids are the catalogue's. */
export function allRules(): AuditRule[] {
  return [
    new InactiveUserRule(),
    new InactiveAdminRule(),
    new InactiveComputerRule(),
    new PwdNeverExpiresRule(),
    new PrivNeverExpiresRule(),
    new PwdNotRequiredRule(),
    new ReversibleRule(),
    new AsRepRule(),
    new DesRule(),
    new KerberoastAdminRule(),
    new AdminPwdOldRule(),
    new TooManyAdminsRule(),
    new AdminCountMismatchRule(),
    new AdminDelegableRule(),
    new UnconstrainedDelegationRule(),
    new KrbtgtRule(),
    new SchemaAdminsRule(),
    new OperatorsRule(),
    new GuestRule(),
    new PrimaryGroupRule(),
    new SidHistoryRule(),
    new ObsoleteOsRule(),
    new LapsRule(),
    new ComputerPwdAgeRule(),
    new PwdInDescriptionRule(),
    new PwdSprayRule(),
    new AdminLockoutRule(),
    new RepeatedLockoutRule(),
    new LeaverRule(),
    new OrphanRule(),
    new MoverRule(),
    new TempExpiredRule(),
    new ReviewOverdueRule(),
    new SodRule(),
    new OpenShareRule(),
    new ExcessVsRoleRule(),
    new MissingBirthrightRule(),
    new PeerOutlierRule(),
    new NoOwnerRule(),
    new PrivChangeRule(),
    new AgdlpRule(),
    new AdminDailyRule(),
    new LogRetentionRule(),
    new RegisterRule(),
    new LeaverRetentionRule(),
    new SpecialCategoryRule(),
  ];
}
