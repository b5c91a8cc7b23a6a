import type { ExplanationView } from './effective-access.service.js';

/** `vigie explain` as text: for each account of the identity, each way it reaches the resource, or why it does not. */
export function formatExplanation(view: ExplanationView): string {
  const r = view.resource;
  const lines: string[] = [];
  for (const a of view.accounts) {
    const who = `${a.login ?? a.dn} (${a.directory}${a.enabled ? '' : ', disabled'})`;
    if (!a.entitlements.length) {
      const granted = view.grants.map((g) => `${g.ref} (${g.level})`).join(', ') || 'no group';
      lines.push(`${who} does not reach ${r.id} (${r.name}): it is granted to ${granted}, and ${a.login ?? 'the account'} is in none of them.`);
      continue;
    }
    lines.push(`${who} reaches ${r.id} (${r.name}): ${a.levels.join(', ')}`);
    for (const e of a.entitlements) {
      lines.push(`  ${e.level} through ${e.group}`);
      for (const step of e.explain) lines.push(`    ${step}`);
    }
  }
  lines.push(`policy ${view.policyVersion.slice(0, 12)}`);
  return `${lines.join('\n')}\n`;
}
