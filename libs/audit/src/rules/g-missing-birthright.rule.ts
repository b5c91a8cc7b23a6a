import type { AccessRuleDef, ResourceDef } from '#vigie/policy';
import { Birthrights } from '#vigie/policy';
import { type AuditContext, identityOf } from '../audit-context.js';
import { levelRank } from './access-levels.js';
import { type AuditRule, type FindingDraft, isEverydayAccount } from './audit-rule.js';

/**
 * Onboarding quality: access rules marked `birthright: true` say what an identity gets automatically from its
 * attributes; an everyday account (enabled, with a mailbox, not a service account) that does not reach one of those
 * entitlements is missing it. A level is held when a stronger one is (write covers read); local-admin only by
 * itself. Levels a cannot rule forbids to the identity are not expected.
 */
export class MissingBirthrightRule implements AuditRule {
  readonly id = 'G-MISSING-BIRTHRIGHT';
  readonly defaultSeverity = 'low' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const birthrights = new Birthrights(ctx.policy);
    if (!birthrights.rules.length) return;
    const position = new Map(ctx.policy.resources.map((r, i) => [r.id, i]));
    for (const view of ctx.directories) {
      // What each account holds, per resource position: the strongest level and whether local-admin (arrays reused
      // from one account to the next, stamped with the account's index).
      const resourceOfGrant = Int32Array.from(view.access.grants, (g) => position.get(g.resourceId) ?? -1);
      const stamp = new Int32Array(position.size).fill(-1);
      const strongest = new Int8Array(position.size);
      const localAdmin = new Uint8Array(position.size);
      view.snapshot.accounts.forEach((account, i) => {
        if (!isEverydayAccount(account, ctx.policy)) return;
        const identity = identityOf(account, ctx.hr?.find(account));
        const expected = birthrights.expectedFor(identity);
        if (!expected.length) return;
        for (const g of view.grantsOf(account)) {
          const r = resourceOfGrant[g.index];
          if (r < 0) continue;
          if (stamp[r] !== i) {
            stamp[r] = i;
            strongest[r] = -1;
            localAdmin[r] = 0;
          }
          if (g.level === 'local-admin') localAdmin[r] = 1;
          else strongest[r] = Math.max(strongest[r], levelRank(g.level));
        }
        const holds = (r: number, level: string) => stamp[r] === i && (level === 'local-admin' ? localAdmin[r] === 1 : strongest[r] >= levelRank(level));
        const missing = new Map<string, { resource: ResourceDef; levels: Set<string>; rules: AccessRuleDef[] }>();
        for (const { resource, levels, rule } of expected) {
          const r = position.get(resource.id)!;
          for (const level of levels) {
            if (holds(r, level) || !ctx.accessPolicy.isAllowed(identity, resource, level)) continue;
            const entry = missing.get(resource.id) ?? { resource, levels: new Set<string>(), rules: [] };
            entry.levels.add(level);
            if (!entry.rules.includes(rule)) entry.rules.push(rule);
            missing.set(resource.id, entry);
          }
        }
        for (const { resource, levels, rules } of missing.values()) {
          const list = [...levels].sort((a, b) => levelRank(a) - levelRank(b));
          const granting = list.map((level) => `${(resource.grants[level as keyof ResourceDef['grants']] ?? []).join(', ')} grants ${level} on ${resource.id}`);
          emit({
            view,
            account,
            resource,
            message: `Missing birthright: ${list.join(' and ')} on ${resource.name} (${rules.map((r) => r.description ?? `${r.source.file}:${r.source.line}`).join('; ')})`,
            evidence: {
              levels: list,
              rules: rules.map((r) => ({ description: r.description ?? null, file: r.source.file, line: r.source.line })),
              department: account.department,
              title: account.title,
            },
            explain: [
              ...rules.map((r) => `birthright: ${r.description ?? 'access rule'} (${r.source.file}:${r.source.line})`),
              ...granting,
              `${account.login ?? account.dn} reaches none of them`,
            ],
          });
        }
      });
    }
  }
}
