import { createHash } from 'node:crypto';
import { GroupReferenceResolver } from '#vigie/access';
import type { HrRoster } from '#vigie/hr';
import type { DirectorySnapshot, LockoutSighting, MembershipAddition } from '#vigie/identity';
import { AccessPolicy, groupReferences, type Policy, ruleSettingsOf } from '#vigie/policy';
import type { ApprovedMembership } from '#vigie/requests';
import { type AuditContext, DirectoryView } from './audit-context.js';
import type { AuditProgressListener, AuditTiming } from './audit-progress.js';
import { HeapGuard } from './heap-guard.js';
import type { LogRetentionFact } from './ports/log-retention.source.js';
import { protectedAccountExemptions } from './protected-accounts.js';
import { type Finding, type FindingSubject, type FindingsReport, SEVERITIES, type Severity, severityRank } from './finding.model.js';
import { type AuditRule, type FindingDraft, allRules } from './rules/index.js';
import { computerGroupRefs } from './rules/governed-workstations.js';
import { findingResourceOf } from './finding-resource.js';

export interface AuditOutcome {
  report: FindingsReport;
  /** Findings per rule and per severity, plus what the run could not resolve. */
  counts: Record<string, number>;
  /** Group references of the policy (grants, SoD, records, privileged and everyone groups) that no directory resolves. */
  unresolvedGroupRefs: string[];
  /** The effective-access views' set-up, then each rule run, with its time (`vigie audit --verbose`, the benchmark). */
  timings: AuditTiming[];
}

/**
 * Evaluates the rules against the synchronised snapshots and a policy. Pure: no I/O, so the same
 * code serves the nightly run, the CLI and an offline audit of an LDIF export.
 */
export interface EvaluateOptions {
  rules?: AuditRule[];
  /** The HR roster, when there is one: G-LEAVER, G-ORPHAN and G-MOVER need it and stay silent without. */
  hr?: HrRoster | null;
  /** What the sync runs saw join groups lately: G-PRIV-CHANGE stays silent without. */
  membershipAdditions?: MembershipAddition[] | null;
  /** The memberships approved access requests stand behind: G-PRIV-CHANGE reports every new one without. */
  approvedMemberships?: ApprovedMembership[] | null;
  /** What the logs Vigie keeps are configured to keep and hold (R-LOG-RETENTION, silent without). */
  logRetention?: LogRetentionFact[] | null;
  /** The lockouts the sync runs recorded lately (H-REPEATED-LOCKOUT counts them; without, only the current ones). */
  lockouts?: LockoutSighting[] | null;
  /** Told before the set-up and before each rule. */
  onProgress?: AuditProgressListener;
  /** Stops the run with a clear error before the heap runs out (default: the process's own heap, checked between steps). */
  heapGuard?: HeapGuard;
}

export function evaluate(snapshots: DirectorySnapshot[], policy: Policy, asOf: Date, options: EvaluateOptions = {}): AuditOutcome {
  const rules = options.rules ?? allRules();
  const guard = options.heapGuard ?? new HeapGuard();
  const timings: AuditTiming[] = [];
  options.onProgress?.({ step: 'effective-access', directories: snapshots.length });
  let started = performance.now();
  const ctx = auditContextFor(snapshots, policy, asOf, options);
  timings.push({ step: 'effective-access', seconds: (performance.now() - started) / 1000 });
  const enabled = rules.filter((rule) => ctx.settingsOf(rule.id).enabled);
  const findings = new Map<string, Finding>();
  const exempt = protectedAccountExemptions(policy);
  enabled.forEach((rule, index) => {
    guard.check(`before ${rule.id}`);
    options.onProgress?.({ step: 'rule', rule: rule.id, index, total: enabled.length });
    const { severity } = ctx.settingsOf(rule.id);
    let count = 0;
    started = performance.now();
    rule.evaluate(ctx, (draft) => {
      if (exempt(rule.id, draft.account)) return;
      const f = toFinding(rule, draft, severity, ctx.directories);
      findings.set(f.id, f);
      // Rules emit findings in loops over every account: the heap is watched there too, cheaply.
      if ((++count & 0x3ff) === 0) guard.check(`in ${rule.id}`);
    });
    timings.push({ step: rule.id, seconds: (performance.now() - started) / 1000, findings: count });
  });
  // One collator for the whole sort: what localeCompare does, without building it again for each comparison.
  const { compare } = new Intl.Collator();
  const sorted = [...findings.values()].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      compare(a.rule, b.rule) ||
      compare(subjectLabel(a), subjectLabel(b)) ||
      compare(a.resource?.id ?? '', b.resource?.id ?? ''),
  );
  const unresolvedGroupRefs = unresolvedReferences(policy, ctx);
  return {
    report: { asOf: asOf.toISOString(), policyVersion: policy.version, findings: sorted },
    counts: countFindings(sorted, unresolvedGroupRefs.length),
    unresolvedGroupRefs,
    timings,
  };
}

/** What the rules see: the directories with their effective access, the policy, and each rule's settings. */
export function auditContextFor(snapshots: DirectorySnapshot[], policy: Policy, asOf: Date, options: Omit<EvaluateOptions, 'rules'> = {}): AuditContext {
  const settings = ruleSettingsOf(policy.settings);
  return {
    asOf,
    policy,
    hr: options.hr ?? null,
    membershipAdditions: options.membershipAdditions ?? null,
    approvedMemberships: options.approvedMemberships ?? null,
    lockouts: options.lockouts ?? null,
    logRetention: options.logRetention ?? null,
    accessPolicy: new AccessPolicy(policy),
    directories: snapshots.map((s) => directoryViewOf(s, policy)),
    resourcesById: new Map(policy.resources.map((r) => [r.id, r])),
    settingsOf: (id) => settings.of(id),
  };
}

/** One directory as the rules see it under this policy: what the audit builds, and what an access request is checked on. */
export function directoryViewOf(snapshot: DirectorySnapshot, policy: Policy): DirectoryView {
  return new DirectoryView(snapshot, policy.resources, policy.settings.privilegedGroups ?? [], policy.settings.everyoneGroups ?? [], [
    ...(policy.records ?? []).flatMap((r) => r.recipients),
    ...computerGroupRefs(policy.resources),
  ]);
}

/** What `vigie policy validate` would call unknown groups, asked of the same resolver (none without a directory). */
function unresolvedReferences(policy: Policy, ctx: AuditContext): string[] {
  if (!ctx.directories.length) return [];
  const resolver = new GroupReferenceResolver(ctx.directories.map((v) => v.access.memberships));
  const refs = new Set(groupReferences(policy).map((r) => r.group));
  return [...refs].filter((ref) => resolver.resolve(ref).status === 'unknown').sort();
}

function toFinding(rule: AuditRule, d: FindingDraft, override: Severity | undefined, views: readonly DirectoryView[]): Finding {
  const subject = subjectOf(d);
  const { resource, evidence } = findingResourceOf(d, views);
  return {
    id: findingId(rule.id, subject.directory ?? '', subjectKey(d, subject), d.resource?.id ?? d.key),
    rule: rule.id,
    severity: override ?? d.severity ?? rule.defaultSeverity,
    subject,
    resource,
    message: d.message,
    evidence,
    explain: d.explain ?? [],
  };
}

function subjectOf(d: FindingDraft): FindingSubject {
  const a = d.account;
  if (a) return { type: a.kind === 'computer' ? 'computer' : 'account', directory: a.directory, dn: a.dn, login: a.login, employeeId: a.employeeId };
  const directory = d.view?.directory ?? null;
  if (d.group) return { type: 'group', directory, dn: d.group.dn, login: null, employeeId: null, name: d.group.name };
  if (directory !== null) return { type: 'directory', directory, dn: null, login: null, employeeId: null, name: directory };
  if (d.log) return { type: 'log', directory: null, dn: null, login: null, employeeId: null, name: d.log };
  if (!d.resource) throw new Error('a finding needs an account, a group, a directory, a log or a resource');
  return { type: 'resource', directory: null, dn: null, login: null, employeeId: null, name: d.resource.id };
}

function subjectKey(d: FindingDraft, subject: FindingSubject): string {
  if (d.account) return d.account.dnNorm;
  if (d.group) return 'dnNorm' in d.group ? d.group.dnNorm : d.group.key;
  return `${subject.type}:${subject.name}`;
}

function subjectLabel(f: Finding): string {
  return f.subject.login ?? f.subject.name ?? '';
}

/** Stable across runs and machines, so that a finding keeps its identity from one night to the next. */
export function findingId(rule: string, directory: string, subjectDnNorm: string, resourceId?: string): string {
  return createHash('sha256')
    .update([rule, directory, subjectDnNorm, resourceId ?? ''].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

function countFindings(findings: Finding[], unresolvedGroupRefs: number): Record<string, number> {
  const counts: Record<string, number> = { total: findings.length, unresolvedGroupRefs };
  for (const s of SEVERITIES) counts[`severity:${s}`] = 0;
  for (const f of findings) {
    counts[`severity:${f.severity}`]++;
    counts[`rule:${f.rule}`] = (counts[`rule:${f.rule}`] ?? 0) + 1;
  }
  return counts;
}
