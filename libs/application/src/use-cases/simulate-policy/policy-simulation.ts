import { EffectiveAccessCalculator, GroupReferenceResolver } from '#vigie/access';
import { evaluate, type Finding, identityOf } from '#vigie/audit';
import type { HrRoster } from '#vigie/hr';
import type { AccountRecord, DirectorySnapshot } from '#vigie/identity';
import { AccessPolicy, type Policy, type UnknownGroupReference, unknownGroupReferences } from '#vigie/policy';

export type AccessVerdict = 'allowed' | 'not allowed' | 'not held';

/** One entitlement whose compliance changes with the candidate policy. */
export interface AccessChange {
  directory: string;
  login: string | null;
  dn: string;
  resource: { id: string; name: string };
  level: string;
  before: AccessVerdict;
  after: AccessVerdict;
  /** The candidate's deciding rule (file:line and description), when one decides. */
  rule?: string;
}

export interface PolicySimulation {
  asOf: string;
  directories: { name: string; syncedAt: string | null; accounts: number }[];
  current: { source: string; version: string; findings: number };
  candidate: { source: string; version: string; findings: number };
  findings: {
    appeared: Finding[];
    disappeared: Finding[];
    /** Same finding, another severity. */
    severityChanged: { before: Finding; after: Finding }[];
  };
  access: { becomeNonCompliant: AccessChange[]; becomeCompliant: AccessChange[] };
  /** Groups the candidate names that no directory of the simulation has, each with why. */
  unknownGroups: UnknownGroupReference[];
}

/**
 * What-if of a policy change: both policies evaluated, with the same pure engine as the nightly audit, on the same
 * snapshots at the same instant; then what differs. Findings are matched by their stable id, entitlements by
 * (directory, account, resource, level). The HR roster, when configured, feeds the HR rules as in the audit.
 */
export function simulatePolicyChange(
  snapshots: DirectorySnapshot[],
  current: Policy,
  candidate: Policy,
  asOf: Date,
  hr: HrRoster | null = null,
): PolicySimulation {
  const before = evaluate(snapshots, current, asOf, { hr }).report.findings;
  const after = evaluate(snapshots, candidate, asOf, { hr }).report.findings;
  const beforeById = new Map(before.map((finding) => [finding.id, finding]));
  const afterById = new Map(after.map((finding) => [finding.id, finding]));
  const known = GroupReferenceResolver.ofSnapshots(snapshots, { everyoneGroups: candidate.settings.everyoneGroups });
  return {
    asOf: asOf.toISOString(),
    directories: snapshots.map((s) => ({ name: s.directory, syncedAt: s.syncedAt?.toISOString() ?? null, accounts: s.accounts.length })),
    current: { source: current.dir, version: current.version, findings: before.length },
    candidate: { source: candidate.dir, version: candidate.version, findings: after.length },
    findings: {
      appeared: after.filter((finding) => !beforeById.has(finding.id)),
      disappeared: before.filter((finding) => !afterById.has(finding.id)),
      severityChanged: after.flatMap((finding) => {
        const previous = beforeById.get(finding.id);
        return previous && previous.severity !== finding.severity ? [{ before: previous, after: finding }] : [];
      }),
    },
    access: compareAccess(snapshots, current, candidate, hr),
    unknownGroups: unknownGroupReferences(candidate, known),
  };
}

interface Verdict {
  account: AccountRecord;
  resource: { id: string; name: string };
  level: string;
  allowed: boolean;
  rule?: string;
}

function compareAccess(snapshots: DirectorySnapshot[], current: Policy, candidate: Policy, hr: HrRoster | null): PolicySimulation['access'] {
  const before = verdicts(snapshots, current, hr);
  const after = verdicts(snapshots, candidate, hr);
  const change = (verdict: Verdict, from: AccessVerdict, to: AccessVerdict, rule?: string): AccessChange => ({
    directory: verdict.account.directory,
    login: verdict.account.login,
    dn: verdict.account.dn,
    resource: verdict.resource,
    level: verdict.level,
    before: from,
    after: to,
    ...(rule ? { rule } : {}),
  });
  const becomeNonCompliant: AccessChange[] = [];
  const becomeCompliant: AccessChange[] = [];
  for (const [key, next] of after) {
    const previous = before.get(key);
    if (!next.allowed && (!previous || previous.allowed)) {
      becomeNonCompliant.push(change(next, previous ? 'allowed' : 'not held', 'not allowed', next.rule));
    }
    if (next.allowed && previous && !previous.allowed) becomeCompliant.push(change(next, 'not allowed', 'allowed', next.rule));
  }
  for (const [key, previous] of before) {
    if (!previous.allowed && !after.has(key)) becomeCompliant.push(change(previous, 'not allowed', 'not held'));
  }
  const order = (a: AccessChange, b: AccessChange) =>
    a.directory.localeCompare(b.directory) ||
    (a.login ?? a.dn).localeCompare(b.login ?? b.dn) ||
    a.resource.id.localeCompare(b.resource.id) ||
    a.level.localeCompare(b.level);
  return { becomeNonCompliant: becomeNonCompliant.sort(order), becomeCompliant: becomeCompliant.sort(order) };
}

/**
 * Every entitlement of every enabled person account, and whether the access rules allow it (the G-EXCESS-VS-ROLE
 * question, with the HR record's department and title where the directory has none; temporary grants are left to
 * the findings, which the audit engine computes).
 */
function verdicts(snapshots: DirectorySnapshot[], policy: Policy, hr: HrRoster | null): Map<string, Verdict> {
  const access = new AccessPolicy(policy);
  const resources = new Map(policy.resources.map((resource) => [resource.id, resource]));
  const out = new Map<string, Verdict>();
  for (const snapshot of snapshots) {
    // The policy's everyone groups count as in the audit: on OpenLDAP they are how everybody reaches a resource.
    const calculator = new EffectiveAccessCalculator(snapshot, policy.resources, { everyoneGroups: policy.settings.everyoneGroups });
    for (const account of snapshot.accounts) {
      if (account.kind !== 'user' || !account.enabled) continue;
      const identity = identityOf(account, hr?.find(account));
      for (const entitlement of calculator.entitlementsOf(account)) {
        const key = [account.directory, account.dnNorm, entitlement.resourceId, entitlement.level].join('\u0000');
        if (out.has(key)) continue;
        const resource = resources.get(entitlement.resourceId)!;
        const decision = access.explainDecision(identity, resource, entitlement.level);
        const rule = decision.rule
          ? `${decision.rule.file}:${decision.rule.line}${decision.rule.description ? ` ${decision.rule.description}` : ''}`
          : undefined;
        out.set(key, { account, resource: { id: resource.id, name: resource.name }, level: entitlement.level, allowed: decision.allowed, rule });
      }
    }
  }
  return out;
}
