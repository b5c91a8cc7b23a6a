import type { StoredEntry, TrailKind, TrailPerson } from './trail-entry.model.js';

/** An entry as people read it (API, export, GDPR export): pseudonyms resolved while the person is not erased. */
export interface TrailEntryView {
  chain: TrailKind;
  seq: number;
  at: string;
  actor: { type: string; id: string; login?: string | null; displayName?: string | null; erased?: boolean };
  action: string;
  target: { type: string; id: string | null } | null;
  before?: unknown;
  after?: unknown;
  reason?: string;
  labels?: Record<string, unknown>;
  correlationId: string | null;
  sourceAddress?: string;
  subjects: Array<{ pseudonym: string; login?: string | null; employeeId?: string | null; displayName?: string | null; erased?: boolean }>;
  personalErased?: boolean;
  hash: string;
}

export function toEntryView(e: StoredEntry, people: Map<string, TrailPerson>): TrailEntryView {
  const person = (pseudonym: string) => {
    const p = people.get(pseudonym);
    if (!p || p.erasedAt) return { pseudonym, erased: true };
    return { pseudonym, login: p.login, employeeId: p.employeeId, displayName: p.displayName };
  };
  const data = e.personal?.data;
  const erased = !!data && 'erased' in data;
  const personal = data && !('erased' in data) ? data : undefined;
  const actorPerson = e.actorType === 'person' ? person(e.actorId) : undefined;
  const details = e.details ?? {};
  return {
    chain: e.chain,
    seq: e.seq,
    at: e.at,
    actor: actorPerson
      ? { type: e.actorType, id: e.actorId, login: actorPerson.login, displayName: actorPerson.displayName, ...(actorPerson.erased ? { erased: true } : {}) }
      : { type: e.actorType, id: e.actorId },
    action: e.action,
    target: e.targetType === null ? null : { type: e.targetType, id: e.targetId ?? personal?.targetId ?? null },
    before: details.before ?? personal?.before,
    after: details.after ?? personal?.after,
    reason: personal?.reason,
    labels: personal?.labels,
    correlationId: e.correlationId,
    sourceAddress: personal?.sourceAddress,
    subjects: e.subjects.map(person),
    ...(erased ? { personalErased: true } : {}),
    hash: e.hash,
  };
}

export function pseudonymsOf(entries: StoredEntry[]): string[] {
  const out = new Set<string>();
  for (const e of entries) {
    if (e.actorType === 'person') out.add(e.actorId);
    for (const s of e.subjects) out.add(s);
  }
  return [...out];
}
