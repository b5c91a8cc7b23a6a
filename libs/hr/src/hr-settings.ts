/**
 * The policy's `hr` block of Settings, read for the HR events: which OU each department's accounts live in, and where
 * leavers go. The mover's grace period and the leaver's retention come from the policy's rule settings (G-MOVER's
 * thresholdDays, retention.leaverAccountDays), so that the audit and the worker count the same days.
 */
export interface HrSettings {
  /** Department → OU DN, keyed by departmentKey(name). */
  departments: ReadonlyMap<string, { name: string; ou: string }>;
  leaversOu: string | null;
  /** Days the old role's groups stay after a move (G-MOVER thresholdDays, default 30). */
  moverGraceDays: number;
  /** Days a leaver's disabled account is kept before its deletion (retention.leaverAccountDays, default 90). */
  leaverRetentionDays: number;
}

export const DEFAULT_MOVER_GRACE_DAYS = 30;
export const DEFAULT_LEAVER_RETENTION_DAYS = 90;

/** How department names compare: trimmed, lower case, without accents ("Ressources Humaines" = "ressources humaines"). */
export function departmentKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The settings from the policy's parts (each absent part gets its default). */
export function hrSettingsOf(parts: {
  hr?: { departments?: Record<string, string>; leaversOu?: string };
  moverGraceDays?: number;
  leaverRetentionDays?: number;
}): HrSettings {
  const departments = new Map<string, { name: string; ou: string }>();
  for (const [name, ou] of Object.entries(parts.hr?.departments ?? {})) departments.set(departmentKey(name), { name, ou });
  return {
    departments,
    leaversOu: parts.hr?.leaversOu ?? null,
    moverGraceDays: parts.moverGraceDays ?? DEFAULT_MOVER_GRACE_DAYS,
    leaverRetentionDays: parts.leaverRetentionDays ?? DEFAULT_LEAVER_RETENTION_DAYS,
  };
}
