import type { Finding } from '#vigie/audit';
import { shortPolicyVersion } from '#vigie/policy';
import type { AccessChange, PolicySimulation } from './policy-simulation.js';

/** Columns padded to their widest cell; the last one runs free. */
function table(header: readonly string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`);
}

const findingRows = (findings: Finding[]) =>
  findings.map((f) => [f.severity, f.rule, f.subject.directory ?? '-', f.subject.login ?? f.subject.name ?? '-', f.resource?.id ?? '-', f.message]);
const accessRows = (changes: AccessChange[]) =>
  changes.map((c) => [
    c.directory,
    c.login ?? c.dn,
    c.resource.id,
    c.level,
    `${c.before} -> ${c.after}`,
    c.rule ?? (c.after === 'not allowed' ? 'no rule allows it' : '-'),
  ]);

function section(title: string, count: number, lines: () => string[]): string[] {
  return count === 0 ? [`${title}: none`, ''] : [`${title} (${count}):`, ...lines(), ''];
}

/** The what-if for a terminal: what appears, what disappears, whose access changes compliance. */
export function formatPolicySimulation(s: PolicySimulation): string {
  const directories = s.directories.map((d) => `${d.name} (${d.accounts} accounts${d.syncedAt ? `, synced ${d.syncedAt}` : ''})`).join(', ');
  const out = [
    `Policy simulation on ${directories}, as of ${s.asOf}`,
    `  current    ${shortPolicyVersion(s.current.version)}  ${s.current.findings} findings  ${s.current.source}`,
    `  candidate  ${shortPolicyVersion(s.candidate.version)}  ${s.candidate.findings} findings  ${s.candidate.source}`,
    '',
  ];
  if (s.current.version === s.candidate.version) out.push('The two policies are the same version: nothing changes.', '');
  const findingHeader = ['SEVERITY', 'RULE', 'DIRECTORY', 'LOGIN', 'RESOURCE', 'MESSAGE'];
  out.push(...section('Findings that would appear', s.findings.appeared.length, () => table(findingHeader, findingRows(s.findings.appeared))));
  out.push(...section('Findings that would disappear', s.findings.disappeared.length, () => table(findingHeader, findingRows(s.findings.disappeared))));
  out.push(
    ...section('Findings whose severity would change', s.findings.severityChanged.length, () =>
      table(
        ['RULE', 'DIRECTORY', 'LOGIN', 'RESOURCE', 'SEVERITY'],
        s.findings.severityChanged.map(({ before, after }) => [
          after.rule,
          after.subject.directory ?? '-',
          after.subject.login ?? after.subject.name ?? '-',
          after.resource?.id ?? '-',
          `${before.severity} -> ${after.severity}`,
        ]),
      ),
    ),
  );
  const accessHeader = ['DIRECTORY', 'LOGIN', 'RESOURCE', 'LEVEL', 'CHANGE', 'RULE'];
  out.push(
    ...section('Access that would become non-compliant', s.access.becomeNonCompliant.length, () =>
      table(accessHeader, accessRows(s.access.becomeNonCompliant)),
    ),
  );
  out.push(...section('Access that would become compliant', s.access.becomeCompliant.length, () => table(accessHeader, accessRows(s.access.becomeCompliant))));
  if (s.unknownGroups.length) {
    out.push(`Warning: the candidate names groups no directory has (${s.unknownGroups.length}):`);
    for (const g of s.unknownGroups) out.push(`  ${g.file}${g.line ? `:${g.line}:${g.column}` : ''}  ${g.path}: ${g.group}: ${g.reason}`);
    out.push('');
  }
  return out.join('\n');
}
