import { normalizeDn, parentDn } from '#vigie/directory';
import type { AccountRecord } from '#vigie/identity';
import type { AuditContext, DirectoryView } from '../audit-context.js';
import { publishedName } from '../published-objects.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';
import { governingResource, hostName } from './governed-workstations.js';
import { isDomainController } from './h-unconstrained.rule.js';

/** How many host names a summary lists; the count says how many there are in all. */
export const LISTED_WORKSTATIONS = 50;

/**
 * ISO 27001:2022 5.9, 5.12: every resource has an accountable owner and a criticality decided with the business.
 * An owner whose employee id matches no account of any synchronised directory, or only disabled ones, is no owner
 * any more (checked only when the directories carry employee ids at all). A share or printer published in the
 * directory that no resource of the policy names has neither: it is reported too. Workstations are governed by
 * groups of them, not one by one: the computers no workstation resource governs are one finding per OU, listing them.
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
        message: `${resource.id} (${resource.name}): ${problems.join(', ')}`,
        evidence: { owner: owner ?? null, criticality: resource.criticality ?? null, problems, file: resource.source.file, line: resource.source.line },
        explain: [`resource ${resource.id} is defined at ${resource.source.file}:${resource.source.line}`, ...problems],
      });
    }
    for (const view of ctx.directories) {
      this.undeclaredObjects(ctx, view, emit);
      this.ungovernedWorkstations(ctx, view, emit);
    }
  }

  private undeclaredObjects(ctx: AuditContext, view: DirectoryView, emit: (d: FindingDraft) => void): void {
    const declared = new Set(ctx.policy.resources.filter((r) => r.type === 'share' || r.type === 'printer').map((r) => view.published.find(r.name)));
    for (const o of view.published.all) {
      if (declared.has(o)) continue;
      const label = publishedName(o);
      emit({
        view,
        key: `object:${o.dnNorm}`,
        message: `${o.kind === 'share' ? 'Share' : 'Printer'} ${label} is published in the directory but declared in no policy resource: no owner, no criticality`,
        evidence: { kind: o.kind, dn: o.dn, uncName: o.uncName, name: o.name },
        explain: [`${o.dn} is a published ${o.kind}`, `no resource of type ${o.kind} in the policy is named ${label}`],
      });
    }
  }

  /** One finding per OU (or container) holding workstations that no workstation resource governs. */
  private ungovernedWorkstations(ctx: AuditContext, view: DirectoryView, emit: (d: FindingDraft) => void): void {
    const governedBy = governingResource(view, ctx.policy.resources);
    const byOu = new Map<string, { ou: string; hosts: string[] }>();
    for (const a of view.snapshot.accounts) {
      if (!isWorkstation(a) || governedBy(a)) continue;
      const ou = parentDn(a.dn) ?? '';
      const key = ou ? normalizeDn(ou) : '';
      const entry = byOu.get(key) ?? { ou, hosts: [] };
      entry.hosts.push(hostName(a) || a.dn);
      byOu.set(key, entry);
    }
    for (const [key, { ou, hosts }] of byOu) {
      hosts.sort((a, b) => a.localeCompare(b));
      const where = ou || `the root of ${view.directory}`;
      const listed = hosts.slice(0, LISTED_WORKSTATIONS);
      const more = hosts.length > listed.length ? `, and ${hosts.length - listed.length} more` : '';
      emit({
        view,
        key: `workstations:${key}`,
        message: `${hosts.length} workstation(s) in ${where} governed by no workstation resource of the policy (no owner, no criticality): ${listed.join(', ')}${more}`,
        evidence: { ou: ou || null, count: hosts.length, computers: listed, truncated: hosts.length > listed.length },
        explain: [
          `${hosts.length} enabled computer(s) below ${where} are workstations (no server operating system, not domain controllers)`,
          'no workstation or workstation-group resource of the policy takes them: by its computers (ous, groups, names), or by its name as a host pattern',
          `declare the OU with computers.ous: [${ou || '<base DN>'}] on the workstation resource that governs them`,
        ],
      });
    }
  }
}

/** Servers are not workstations; domain controllers are servers whatever their operatingSystem says (a Samba DC's is "Samba"). */
function isWorkstation(a: AccountRecord): boolean {
  return a.kind === 'computer' && a.enabled && !/server/i.test(a.operatingSystem ?? '') && !isDomainController(a);
}
