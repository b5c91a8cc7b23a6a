import type { DirectoryView } from './audit-context.js';
import type { FindingResource } from './finding.model.js';
import { publishedName } from './published-objects.js';
import type { FindingDraft } from './rules/audit-rule.js';

/**
 * How a finding names its resource: the policy's id and type, and the share or printer the directory publishes for it
 * (its UNC path as the directory writes it, its DN in the evidence) when there is one, so the security officer reads
 * what to open, not only the everyone-like group or the policy's id. Looked up in the finding's directory, or in every
 * directory for a finding on the policy alone.
 */
export function findingResourceOf(d: FindingDraft, views: readonly DirectoryView[]): { resource: FindingResource | null; evidence: Record<string, unknown> } {
  if (!d.resource) return { resource: null, evidence: d.evidence };
  const { id, type, name } = d.resource;
  const directory = d.view?.directory ?? d.account?.directory;
  for (const view of directory === undefined ? views : views.filter((v) => v.directory === directory)) {
    const published = view.published.find(name);
    if (!published) continue;
    return {
      resource: { type, id, name: publishedName(published) },
      evidence: { ...d.evidence, publishedAs: { directory: view.directory, kind: published.kind, dn: published.dn, name: publishedName(published) } },
    };
  }
  return { resource: { type, id, name }, evidence: d.evidence };
}
