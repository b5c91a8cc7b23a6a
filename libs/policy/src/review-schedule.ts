import type { PolicySettings, ResourceDef } from './policy.types.js';

/** Which review interval of the settings applies to a resource (G-REVIEW-OVERDUE). */
export type ReviewClass = 'standard' | 'critical' | 'privileged';

export interface ReviewStatus {
  reviewClass: ReviewClass;
  intervalDays: number;
  /** Null when the resource was never reviewed. */
  reviewedAt: Date | null;
  /** The last day of the interval; null when never reviewed (due at once). */
  dueDate: Date | null;
  /** Never reviewed, past its due date, or reviewed "in the future" (a typo that would hide it for years). */
  overdue: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The policy alone decides the class, so that owners know their deadline from the files: privileged when the resource
 * grants admin or local-admin (administration of a share or of workstations) or names one of the settings'
 * privileged groups; critical when its criticality is critical; standard otherwise.
 */
export function reviewClassOf(resource: ResourceDef, settings: Pick<PolicySettings, 'privilegedGroups'>): ReviewClass {
  const grants = resource.grants ?? {};
  const privileged = new Set(settings.privilegedGroups.map((g) => g.toLowerCase()));
  const named = Object.values(grants).flatMap((groups) => groups ?? []);
  if (grants.admin?.length || grants['local-admin']?.length || named.some((g) => privileged.has(g.toLowerCase()))) return 'privileged';
  return resource.criticality === 'critical' ? 'critical' : 'standard';
}

/** Where a resource stands in its review cycle on a given day. */
export function reviewStatusOf(resource: ResourceDef, settings: Pick<PolicySettings, 'privilegedGroups' | 'reviewIntervals'>, asOf: Date): ReviewStatus {
  const reviewClass = reviewClassOf(resource, settings);
  const intervalDays = settings.reviewIntervals[reviewClass];
  if (!resource.reviewedAt) return { reviewClass, intervalDays, reviewedAt: null, dueDate: null, overdue: true };
  const reviewedAt = new Date(`${resource.reviewedAt}T00:00:00Z`);
  const dueDate = new Date(reviewedAt.getTime() + intervalDays * DAY_MS);
  // Like the other thresholds of the catalogue: overdue once more than intervalDays whole days have passed.
  const elapsedDays = Math.floor((asOf.getTime() - reviewedAt.getTime()) / DAY_MS);
  return { reviewClass, intervalDays, reviewedAt, dueDate, overdue: elapsedDays > intervalDays || elapsedDays < 0 };
}
