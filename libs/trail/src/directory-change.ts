import type { PersonRef, TrailRecordInput } from './trail-entry.model.js';

/** account, computer, group, or another synchronised object (organizational-unit, printer, share, foreign-principal). */
export type DirectoryObjectType = string;

/** One difference a sync run found between two snapshots of a directory. */
export type DirectoryChange =
  | { type: 'object-added' | 'object-removed'; objectType: DirectoryObjectType; dn: string; person?: PersonRef; attributes?: Record<string, unknown> }
  | {
      type: 'object-modified';
      objectType: DirectoryObjectType;
      dn: string;
      person?: PersonRef;
      attributes: Record<string, { before: unknown; after: unknown }>;
    }
  | { type: 'membership-added' | 'membership-removed'; groupDn: string; memberDn: string; member?: PersonRef };

const ACTIONS: Record<DirectoryChange['type'], string> = {
  'object-added': 'directory.object-added',
  'object-modified': 'directory.object-modified',
  'object-removed': 'directory.object-removed',
  'membership-added': 'directory.membership-added',
  'membership-removed': 'directory.membership-removed',
};

/** The trail entries of a sync run's changes: seen by the sync job, about the accounts they touch. */
export function directoryChangeInputs(directory: string, syncRunId: string, changes: DirectoryChange[]): TrailRecordInput[] {
  return changes.map((c) => {
    const common = { action: ACTIONS[c.type], kind: 'change' as const, actor: { type: 'system' as const, id: 'sync' }, correlationId: syncRunId };
    if ('groupDn' in c) {
      return {
        ...common,
        target: { type: 'group', id: `${directory}:${c.groupDn}` },
        after: { member: c.memberDn },
        subjects: c.member ? [{ directory, ...c.member }] : [],
      };
    }
    const attributes = c.attributes ?? {};
    const modified = c.type === 'object-modified';
    return {
      ...common,
      target: { type: c.objectType, id: `${directory}:${c.dn}` },
      before: modified ? mapValues(c.attributes, (v) => v.before) : c.type === 'object-removed' ? attributes : undefined,
      after: modified ? mapValues(c.attributes, (v) => v.after) : c.type === 'object-added' ? attributes : undefined,
      subjects: c.person ? [{ directory, ...c.person }] : [],
    };
  });
}

function mapValues<T, U>(o: Record<string, T>, fn: (v: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fn(v)]));
}
