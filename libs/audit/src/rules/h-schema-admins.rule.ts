import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

const SCHEMA_ADMINS_RID = 518;

/**
 * PingCastle P-SchemaAdmin: Schema Admins (RID 518) stays empty except during a schema change. One finding per
 * effective member, so each removal closes one.
 */
export class SchemaAdminsRule implements AuditRule {
  readonly id = 'H-SCHEMA-ADMINS';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      for (const group of view.groupsWithRid(SCHEMA_ADMINS_RID)) {
        for (const account of view.effectiveMembersOf(group)) {
          emit({
            view,
            account,
            message: `Member of ${group.name}, which should stay empty outside a schema change`,
            evidence: { group: group.name, enabled: account.enabled },
            explain: [...view.explainMembership(account, group), `${group.name} (RID ${SCHEMA_ADMINS_RID}) should stay empty outside a schema change`],
          });
        }
      }
    }
  }
}
