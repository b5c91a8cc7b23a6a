import type { AccessRuleDef, ResourceDef } from '#vigie/policy';
import { Birthrights } from '#vigie/policy';
import { type AuditContext, identityOf } from '../audit-context.js';
import { externalPersonOf } from '../external-people.js';
import { levelRank } from './access-levels.js';
import { type AuditRule, type FindingDraft, isEverydayAccount } from './audit-rule.js';

/** What one person lacks of one birthright rule: each resource with the levels missing on it. */
interface MissingOfRule {
  rule: AccessRuleDef;
  resources: Array<{ resource: ResourceDef; levels: string[] }>;
}

/** Resources named in the message; the evidence lists them all. */
const NAMED_IN_MESSAGE = 3;

/**
 * Onboarding quality: access rules marked `birthright: true` say what an identity gets automatically from its
 * attributes; an everyday account (enabled, with a mailbox, not a service account) that does not reach one of those
 * entitlements is missing it. A level is held when a stronger one is (write covers read); local-admin only by
 * itself. Levels a cannot rule forbids to the identity are not expected.
 *
 * One finding per person and birthright rule, naming every resource of the rule the person lacks (a joiner left out
 * of their department's groups misses all its shares at once: one provisioning fix, not one finding per share). The
 * finding is about the person (no single resource); its id follows the person and the rule, so a decision on it
 * holds while the list of shares changes. External people listed in `externals/` are not expected to hold birthrights
 * (their access comes from the grants their sponsor asks for) unless the rule's `externals` setting says so.
 */
export class MissingBirthrightRule implements AuditRule {
  readonly id = 'G-MISSING-BIRTHRIGHT';
  readonly defaultSeverity = 'low' as const;

  evaluate(ctx: AuditContext, emit: (d: FindingDraft) => void): void {
    const { externals } = ctx.settingsOf(this.id);
    const birthrights = new Birthrights(ctx.policy);
    if (!birthrights.rules.length) return;
    const keyOf = ruleKeys(birthrights.rules);
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
        if (!externals && externalPersonOf(ctx.policy, account)) return;
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
        let missing: Map<AccessRuleDef, MissingOfRule> | undefined;
        for (const { resource, levels, rule } of expected) {
          const r = position.get(resource.id)!;
          // Most accounts hold all their birthrights: nothing is built for those.
          if (levels.every((level) => holds(r, level))) continue;
          const lacking = levels.filter((level) => !holds(r, level));
          // Only for what is not held: a cannot rule may forbid a level the birthright gives.
          const expectedLevels = lacking.filter((level) => ctx.accessPolicy.isAllowed(identity, resource, level));
          if (!expectedLevels.length) continue;
          missing ??= new Map();
          let entry = missing.get(rule);
          if (!entry) missing.set(rule, (entry = { rule, resources: [] }));
          entry.resources.push({ resource, levels: expectedLevels.sort((a, b) => levelRank(a) - levelRank(b)) });
        }
        if (!missing) return;
        for (const { rule, resources } of missing.values()) {
          const who = account.login ?? account.dn;
          const described = rule.description ?? `${rule.source.file}:${rule.source.line}`;
          const named = resources.slice(0, NAMED_IN_MESSAGE).map(({ resource, levels }) => `${levels.join(' and ')} on ${resource.name}`);
          const more = resources.length > NAMED_IN_MESSAGE ? ` and ${resources.length - NAMED_IN_MESSAGE} more` : '';
          emit({
            view,
            account,
            key: keyOf.get(rule),
            message: `Missing birthright (${described}): ${named.join(', ')}${more}`,
            evidence: {
              rule: { description: rule.description ?? null, file: rule.source.file, line: rule.source.line },
              missing: resources.map(({ resource, levels }) => ({ resource: resource.id, name: resource.name, levels })),
              department: account.department,
              title: account.title,
            },
            explain: [
              `birthright: ${rule.description ?? 'access rule'} (${rule.source.file}:${rule.source.line})`,
              ...resources.flatMap(({ resource, levels }) =>
                levels.map((level) => `${(resource.grants[level as keyof ResourceDef['grants']] ?? []).join(', ')} grants ${level} on ${resource.id}`),
              ),
              `${who} reaches none of them`,
            ],
          });
        }
      });
    }
  }
}

/**
 * What tells one birthright rule's findings apart in their ids: the rule's file and description, which survive
 * edits elsewhere in the file; the line when the description is missing or shared by two rules of the file.
 */
function ruleKeys(rules: readonly AccessRuleDef[]): Map<AccessRuleDef, string> {
  const byDescription = new Map<string, number>();
  const described = (rule: AccessRuleDef) => `${rule.source.file}\u0000${rule.description ?? ''}`;
  for (const rule of rules) if (rule.description) byDescription.set(described(rule), (byDescription.get(described(rule)) ?? 0) + 1);
  return new Map(
    rules.map((rule) => [
      rule,
      rule.description && byDescription.get(described(rule)) === 1
        ? `birthright:${rule.source.file}:${rule.description}`
        : `birthright:${rule.source.file}:${rule.source.line}`,
    ]),
  );
}
