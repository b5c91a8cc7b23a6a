import type { GroupRecord } from '#vigie/identity';
import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/** Account, Server, Print and Backup Operators: each can take over a domain controller. */
const OPERATOR_SIDS = ['S-1-5-32-548', 'S-1-5-32-549', 'S-1-5-32-550', 'S-1-5-32-551'];

/** PingCastle P-OperatorsEmpty: the operators groups should be empty; delegate precise rights instead. */
export class OperatorsRule implements AuditRule {
  readonly id = 'H-OPERATORS';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    for (const view of ctx.directories) {
      const byAccount = new Map<string, { groups: GroupRecord[] }>();
      const operators = OPERATOR_SIDS.flatMap((sid) => view.groupsWithSid(sid));
      for (const group of operators) {
        for (const account of view.effectiveMembersOf(group)) {
          const entry = byAccount.get(account.dnNorm) ?? { groups: [] };
          entry.groups.push(group);
          byAccount.set(account.dnNorm, entry);
        }
      }
      for (const account of view.snapshot.accounts) {
        const entry = byAccount.get(account.dnNorm);
        if (!entry) continue;
        const names = entry.groups.map((g) => g.name).sort();
        emit({
          view,
          account,
          message: `Member of ${names.join(', ')}, which should be empty (delegate precise rights instead)`,
          evidence: { groups: names, enabled: account.enabled },
          explain: [...view.explainMembership(account, entry.groups[0]), `${entry.groups[0].name} can take over a domain controller and should be empty`],
        });
      }
    }
  }
}
