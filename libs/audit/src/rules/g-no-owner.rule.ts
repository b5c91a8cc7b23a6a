import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';

/**
 * ISO 27001:2022 5.9, 5.12: every resource has an accountable owner and a criticality decided with the business.
 * An owner whose employee id matches no account of any synchronised directory, or only disabled ones, is no owner
 * any more (checked only when the directories carry employee ids at all).
 */
export class NoOwnerRule implements AuditRule {
  readonly id = 'G-NO-OWNER';
  readonly defaultSeverity = 'medium' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const employees = new Map<string, boolean>();
    for (const view of ctx.directories) {
      for (const a of view.snapshot.accounts) {
        if (a.employeeId) employees.set(a.employeeId.toLowerCase(), (employees.get(a.employeeId.toLowerCase()) ?? false) || a.enabled);
      }
    }
    for (const resource of ctx.policy.resources) {
      const problems: string[] = [];
      const owner = resource.owner;
      if (!owner) problems.push('no owner');
      else if (employees.size && !employees.has(owner.toLowerCase())) problems.push(`owner ${owner} matches no account of any synchronised directory`);
      else if (employees.size && !employees.get(owner.toLowerCase())) problems.push(`owner ${owner} has left (every account disabled)`);
      if (!resource.criticality) problems.push('no criticality');
      if (!problems.length) continue;
      emit({
        resource,
        message: `${resource.name}: ${problems.join(', ')}`,
        evidence: { owner: owner ?? null, criticality: resource.criticality ?? null, problems, file: resource.source.file, line: resource.source.line },
        explain: [`resource ${resource.id} is defined at ${resource.source.file}:${resource.source.line}`, ...problems],
      });
    }
  }
}
