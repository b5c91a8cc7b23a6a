import type { Memberships, Principal } from '#vigie/access';
import type { ProcessingRecordDef } from '#vigie/policy';
import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * GDPR art. 30 and 5(2): a resource holding personal data belongs to a record of processing of the register
 * (records/), and only that record's recipients are given access. Reports a personal-data resource without a
 * record, or naming one the register lacks; and, per directory, each principal put in a granting group (a direct
 * member) that is not among the record's recipients, unless the granting group is itself a recipient.
 */
export class RegisterRule implements AuditRule {
  readonly id = 'R-REGISTER';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const records = new Map((ctx.policy.records ?? []).map((r) => [r.id, r]));
    for (const resource of ctx.policy.resources) {
      const data = resource.personalData;
      if (!data) continue;
      const evidence = { categories: data.categories, record: data.record ?? null };
      const where = `resource ${resource.id} (${resource.source.file}:${resource.source.line}) holds ${data.categories.join(', ')} data`;
      if (!data.record) {
        emit({
          resource,
          message: `${resource.name} holds personal data (${data.categories.join(', ')}) but names no record of processing`,
          evidence,
          explain: [where, 'personalData.record is missing'],
        });
        continue;
      }
      const record = records.get(data.record);
      if (!record) {
        const known = [...records.keys()];
        emit({
          resource,
          message: `${resource.name} names the record of processing ${data.record}, which is not in the register (records/)`,
          evidence,
          explain: [where, `personalData.record is ${data.record}; the register has ${known.length ? known.join(', ') : 'no record'}`],
        });
        continue;
      }
      for (const view of ctx.directories) {
        const recipients = recipientKeys(view.access.memberships, record);
        const reported = new Set<Principal>();
        for (const grant of view.access.grantsOf(resource.id)) {
          if (recipients.has(grant.principal.key)) continue;
          for (const member of view.access.memberships.membersOf(grant.principal)) {
            if (recipients.has(member.key) || reported.has(member)) continue;
            reported.add(member);
            emit({
              view,
              ...(member.account ? { account: member.account } : { group: member }),
              resource,
              message: `${member.name} is given ${grant.level} access on ${resource.name} through ${grant.principal.name} but is not among the recipients of ${record.id} (${record.name})`,
              evidence: { ...evidence, grantingGroup: grant.principal.name, level: grant.level, recipients: record.recipients },
              explain: [
                `${member.name} ∈ ${grant.principal.name} (direct)`,
                `${grant.principal.name} grants ${grant.level} on ${resource.id}`,
                `recipients of ${record.id}: ${record.recipients.join(', ')}`,
              ],
            });
          }
        }
      }
    }
  }
}

export function recipientKeys(memberships: Memberships, record: ProcessingRecordDef): Set<string> {
  return new Set(record.recipients.flatMap((ref) => memberships.resolve(ref).map((p) => p.key)));
}
