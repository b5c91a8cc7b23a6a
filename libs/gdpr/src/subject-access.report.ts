import type { PathStep } from '#vigie/access';
import type { TrailEntryView } from '#vigie/trail';
import type { StoredFinding } from './ports/personal-data.store.js';

/** Everything Vigie holds about one person (GDPR art. 15), as `vigie gdpr export` writes it. */
export interface SubjectAccessReport {
  generatedAt: string;
  request: string;
  identity: { employeeIds: string[]; logins: string[]; displayNames: string[]; mails: string[]; pseudonyms: string[] };
  accounts: Array<Record<string, unknown>>;
  memberships: Array<{ directory: string; account: string; group: string; groupDn: string; how: string }>;
  effectiveAccess: Array<{ directory: string; account: string; resource: string; level: string; viaGroup: string; path: PathStep[] }>;
  /** Why effective access is incomplete, e.g. an invalid policy. */
  notes: string[];
  findings: StoredFinding[];
  trail: TrailEntryView[];
}
