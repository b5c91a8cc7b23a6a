import type { DirectoryChange } from '#vigie/trail';
import type { AttributeChange, MembershipChange, ObjectChange } from './change.model.js';

/**
 * A run's change records as trail entries: every object added, modified (old and new values), moved
 * (its DN before and after) or removed, and every membership added or removed. Accounts name their person
 * (login), which the trail keeps out of the chain.
 */
export function toTrailChanges(directory: string, objects: ObjectChange[], memberships: MembershipChange[]): DirectoryChange[] {
  const out: DirectoryChange[] = [];
  for (const c of objects) {
    const objectType = c.objectType === 'user' ? 'account' : c.objectType;
    const person = c.objectType === 'user' && c.name ? { login: c.name, directory } : undefined;
    if (c.action === 'added' || c.action === 'removed') {
      out.push({
        type: c.action === 'added' ? 'object-added' : 'object-removed',
        objectType,
        dn: c.dn,
        person,
        attributes: values(c.changes, c.action === 'added' ? 'new' : 'old'),
      });
    } else {
      const attributes: Record<string, { before: unknown; after: unknown }> = Object.fromEntries(
        c.changes.map((a) => [a.attribute, { before: a.old, after: a.new }]),
      );
      if (c.action === 'moved') attributes.dn = { before: c.oldDn, after: c.dn };
      out.push({ type: 'object-modified', objectType, dn: c.dn, person, attributes });
    }
  }
  for (const m of memberships) {
    const member = m.memberType === 'user' && m.memberName ? { login: m.memberName, directory } : undefined;
    out.push({ type: m.action === 'added' ? 'membership-added' : 'membership-removed', groupDn: m.groupDn, memberDn: m.memberDn, member });
  }
  return out;
}

function values(changes: AttributeChange[], side: 'old' | 'new'): Record<string, unknown> {
  return Object.fromEntries(changes.map((a) => [a.attribute, a[side]]));
}
