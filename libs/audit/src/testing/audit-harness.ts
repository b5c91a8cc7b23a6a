import type { DirectorySnapshot } from '#vigie/identity';
import { type AccessRuleDef, type Policy, type PolicySettings, type ProcessingRecordDef, type ResourceDef, defaultSettings } from '#vigie/policy';
import { type EvaluateOptions, evaluate } from '../audit-engine.js';
import type { Finding } from '../finding.model.js';
import type { AuditRule } from '../rules/audit-rule.js';

/** Test helpers for rule specs: a policy built in code, a fixed clock, a domain SID. */
export const ASOF = new Date('2026-11-15T00:00:00Z');
export const daysAgo = (n: number) => new Date(ASOF.getTime() - n * 86_400_000);
export const DOMAIN = 'S-1-5-21-10-20-30';
export const sidOf = (rid: number) => `${DOMAIN}-${rid}`;

let resourceCount = 0;

export function aResource(id: string, over: Partial<ResourceDef> = {}): ResourceDef {
  const index = resourceCount++;
  return {
    id,
    type: 'share',
    name: `\\\\fs01\\${id}`,
    owner: 'E1',
    criticality: 'medium',
    grants: {},
    source: { file: 'resources/test.yaml', index, line: 4 + index },
    ...over,
  };
}

export function aRecord(id: string, recipients: string[]): ProcessingRecordDef {
  return { id, name: `record ${id}`, recipients, source: { file: 'records/test.yaml', index: 0, line: 4 } };
}

export function aPolicy(
  parts: { resources?: ResourceDef[]; rules?: Omit<AccessRuleDef, 'source'>[]; records?: ProcessingRecordDef[]; settings?: Partial<PolicySettings> } = {},
): Policy {
  return {
    version: 'f'.repeat(64),
    dir: '/policies',
    files: [],
    resources: parts.resources ?? [],
    accessRules: (parts.rules ?? []).map((rule, index) => ({ ...rule, source: { file: 'access-rules/test.yaml', index, line: 4 + index } })),
    records: parts.records ?? [],
    sodRules: [],
    settings: { ...defaultSettings(), ...parts.settings },
  };
}

/** The findings of one rule on these snapshots; every finding must explain itself (the findings contract). */
export function findingsOf(
  rule: AuditRule,
  snapshots: DirectorySnapshot | DirectorySnapshot[],
  policy: Policy = aPolicy(),
  asOf = ASOF,
  options: Omit<EvaluateOptions, 'rules'> = {},
): Finding[] {
  const findings = evaluate(Array.isArray(snapshots) ? snapshots : [snapshots], policy, asOf, { ...options, rules: [rule] }).report.findings;
  const silent = findings.find((f) => !f.explain.length);
  if (silent) throw new Error(`${rule.id} reported a finding without explanation: ${silent.message}`);
  return findings;
}

/** `rule subject resource severity` lines, sorted: what most specs compare. */
export function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.subject.login ?? f.subject.name} ${f.resource?.id ?? '-'} ${f.severity}`).sort();
}
