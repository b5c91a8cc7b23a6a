import type { HrPersonData } from '../events/hr-event.model.js';

/**
 * The pure parts of the joiner / mover / leaver flows: what the worker does is decided here, from what Vigie knows and
 * what the event says; the use case carries it out against the directory.
 */

/** The event's data over what was known: a field the event leaves null keeps its known value. */
export function mergePersonData(known: HrPersonData | null, given: HrPersonData): HrPersonData {
  if (!known) return { ...given };
  const merged: HrPersonData = { ...known };
  for (const key of Object.keys(given) as (keyof HrPersonData)[]) {
    const value = given[key];
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}

/** What a mover's change is: the attributes that changed, and whether the account changes OU. */
export interface MoverChange {
  department: boolean;
  title: boolean;
  manager: boolean;
  /** Names, mail or site: attributes written, no access follows them. */
  other: (keyof HrPersonData)[];
}

export function changeOf(before: HrPersonData, after: HrPersonData): MoverChange {
  const differs = (key: keyof HrPersonData) => (before[key] ?? null) !== (after[key] ?? null);
  return {
    department: differs('department'),
    title: differs('title'),
    manager: differs('managerEmployeeId'),
    other: (['firstName', 'lastName', 'mail', 'site', 'employeeType'] as const).filter(differs),
  };
}

/** A change of department, title or manager moves access (G-MOVER's definition of a mover). */
export function isMove(change: MoverChange): boolean {
  return change.department || change.title || change.manager;
}

/**
 * The groups a mover gains now and loses after the grace: new birthright groups not held by the old role are added;
 * the old role's groups the new role does not give are removed later. Compared without case (DNs as the directory
 * writes them may differ in case only).
 */
export function birthrightMove(oldGroups: readonly string[], newGroups: readonly string[]): { add: string[]; removeLater: string[] } {
  const oldKeys = new Set(oldGroups.map(keyOf));
  const newKeys = new Set(newGroups.map(keyOf));
  return {
    add: unique(newGroups.filter((g) => !oldKeys.has(keyOf(g)))),
    removeLater: unique(oldGroups.filter((g) => !newKeys.has(keyOf(g)))),
  };
}

/** `days` whole days after `from` (a grace or a retention period). */
export function daysAfter(from: Date, days: number): Date {
  return new Date(from.getTime() + days * 86_400_000);
}

/** The mail of a joiner: the event's, else login@mailDomain when one is configured, else none. */
export function mailOf(given: string | null, login: string, mailDomain: string | undefined): string | null {
  if (given?.trim()) return given.trim();
  return mailDomain ? `${login}@${mailDomain}` : null;
}

function keyOf(dn: string): string {
  return dn.replace(/\s*([,=+])\s*/g, '$1').toLowerCase();
}

function unique(dns: string[]): string[] {
  const seen = new Set<string>();
  return dns.filter((dn) => !seen.has(keyOf(dn)) && seen.add(keyOf(dn)));
}
