import type { PathStep } from '#vigie/access';
import type { TrailEntryView } from '#vigie/trail';
import type { StoredFinding } from './ports/personal-data.store.js';

/** Everything Vigie holds about one person (GDPR art. 15), as `vigie gdpr export` writes it. */
export interface SubjectAccessReport {
  generatedAt: string;
  request: string;
  identity: { employeeIds: string[]; logins: string[]; displayNames: string[]; mails: string[]; dns: string[]; pseudonyms: string[] };
  /** The person was erased before (what is below came back since, or is the trail's pseudonymous part). */
  erasure: { pseudonym: string; erasedAt: string } | null;
  /** Rows per table of the personal-data registry that hold a form of the identity: what an erasure would touch. */
  heldIn: Record<string, number>;
  accounts: Array<Record<string, unknown>>;
  memberships: Array<{ directory: string; account: string; group: string; groupDn: string; how: string }>;
  effectiveAccess: Array<{ directory: string; account: string; resource: string; level: string; viaGroup: string; path: PathStep[] }>;
  /** Why effective access is incomplete, e.g. an invalid policy. */
  notes: string[];
  findings: StoredFinding[];
  trail: TrailEntryView[];
}
