import type { AuditRule } from './audit-rule.js';
import { ExcessVsRoleRule } from './g-excess-vs-role.rule.js';
import { LeaverRule } from './g-leaver.rule.js';
import { MoverRule } from './g-mover.rule.js';
import { OrphanRule } from './g-orphan.rule.js';
import { SodRule } from './g-sod.rule.js';
import { InactiveUserRule } from './h-inactive-user.rule.js';
import { PrivNeverExpiresRule } from './h-priv-never-expires.rule.js';
import { PwdInDescriptionRule } from './h-pwd-in-description.rule.js';
import { PwdNeverExpiresRule } from './h-pwd-never-expires.rule.js';
import { PwdNotRequiredRule } from './h-pwd-not-required.rule.js';

export type { AuditRule, FindingDraft } from './audit-rule.js';

/** The rules this version implements; the ids are the catalogue's. */
export function allRules(): AuditRule[] {
  return [
    new PwdNeverExpiresRule(),
    new PrivNeverExpiresRule(),
    new PwdNotRequiredRule(),
    new InactiveUserRule(),
    new PwdInDescriptionRule(),
    new ExcessVsRoleRule(),
    new LeaverRule(),
    new OrphanRule(),
    new MoverRule(),
    new SodRule(),
  ];
}
