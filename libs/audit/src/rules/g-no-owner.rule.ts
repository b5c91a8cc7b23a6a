import type { AuditContext } from '../audit-context.js';
import type { AuditRule, FindingDraft } from './audit-rule.js';
import { isDomainController } from './h-unconstrained.rule.js';

/**
 * ISO 27001:2022 5.9, 5.12: every resource has an accountable owner and a criticality decided with the business.
 * An owner whose employee id matches no account of any synchronised directory, or only disabled ones, is no owner
 * any more (checked only when the directories carry employee ids at all). A share or printer published in the
 * directory, or a workstation, that no resource of the policy names has neither: it is reported too.
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
    this.undeclaredObjects(ctx, emit);
  }

  private undeclaredObjects(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const names = new Set(ctx.policy.resources.filter((r) => r.type === 'share' || r.type === 'printer').map((r) => uncKey(r.name)));
    const hosts = ctx.policy.resources.filter((r) => r.type === 'workstation' || r.type === 'workstation-group').map((r) => hostPattern(r.name));
    for (const view of ctx.directories) {
      for (const o of view.snapshot.objects ?? []) {
        if (o.kind !== 'share' && o.kind !== 'printer') continue;
        const candidates = [o.uncName, o.name].filter((n): n is string => !!n).map(uncKey);
        if (candidates.some((c) => names.has(c))) continue;
        const label = o.uncName ?? o.name;
        emit({
          view,
          key: `object:${o.dnNorm}`,
          message: `${o.kind === 'share' ? 'Share' : 'Printer'} ${label} is published in the directory but declared in no policy resource: no owner, no criticality`,
          evidence: { kind: o.kind, dn: o.dn, uncName: o.uncName, name: o.name },
          explain: [`${o.dn} is a published ${o.kind}`, `no resource of type ${o.kind} in the policy is named ${label}`],
        });
      }
      for (const a of view.snapshot.accounts) {
        // Servers are not workstations; the policy governs workstations by host pattern. Domain controllers are
        // servers whatever their operatingSystem says (a Samba DC's is "Samba").
        if (a.kind !== 'computer' || !a.enabled || /server/i.test(a.operatingSystem ?? '') || isDomainController(a)) continue;
        const host = (a.login ?? '').replace(/\$$/, '');
        const fqdn = a.dnsHostName ?? '';
        if (!host || hosts.some((h) => h.test(host) || (fqdn && h.test(fqdn)))) continue;
        emit({
          view,
          account: a,
          message: `Workstation ${host} matches no workstation resource of the policy: no owner, no criticality`,
          evidence: { host, dnsHostName: a.dnsHostName, operatingSystem: a.operatingSystem },
          explain: [
            `${host} is an enabled computer (${a.operatingSystem ?? 'unknown OS'})`,
            'no workstation or workstation-group resource of the policy matches its name',
          ],
        });
      }
    }
  }
}

/** UNC paths compare case-insensitively, with either slash and without a trailing one. */
function uncKey(name: string): string {
  return name.trim().replace(/\//g, '\\').replace(/\\+$/, '').toLowerCase();
}

/** A workstation resource's host pattern (`PC-*`, `LYO-??-*`) as a case-insensitive regular expression. */
function hostPattern(pattern: string): RegExp {
  const body = pattern
    .trim()
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}
