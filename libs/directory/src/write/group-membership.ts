/** Which attribute of a group holds a member, per directory and group class, and reading it back. */
import { VigieError } from '#vigie/common';
import { EqualityFilter } from 'ldapts';
import { type DirectoryEntry, firstString, stringValues } from '../directory-entry.js';
import type { LdapDirectorySource } from '../directory-source.js';
import type { WriteSession, WriteStep } from './write-session.js';

/** The group's entry with its object classes; not-found when there is none. */
export async function readGroup(session: WriteSession, groupDn: string, step: WriteStep): Promise<DirectoryEntry> {
  const group = await session.entry(groupDn, ['objectClass'], step);
  if (!group) throw session.notFound(step, `the group ${groupDn} does not exist`);
  return group;
}

/**
 * The attribute and value that make `member` a direct member of `group`. AD: member. OpenLDAP, by the group's class:
 * groupOfNames member, groupOfUniqueNames uniqueMember (both the member's DN), posixGroup memberUid (its uid).
 */
export function membershipValue(source: LdapDirectorySource, group: DirectoryEntry, member: DirectoryEntry): { attribute: string; value: string } {
  const attribute = memberAttributeOf(source, group, true);
  if (attribute !== 'memberUid') return { attribute, value: member.dn };
  const uid = firstString(member, 'uid');
  if (!uid) throw new VigieError('invalid-input', `${group.dn} is a posixGroup, whose members are uids, and the member has no uid`);
  return { attribute, value: uid };
}

/** The membership to remove or look for; a member entry that is gone (null) is looked for by its DN. */
export function membershipOf(
  source: LdapDirectorySource,
  group: DirectoryEntry,
  member: DirectoryEntry | null,
  memberDn: string,
): { attribute: string; value: string } {
  return member ? membershipValue(source, group, member) : { attribute: memberAttributeOf(source, group, false), value: memberDn };
}

function memberAttributeOf(source: LdapDirectorySource, group: DirectoryEntry, strict: boolean): string {
  const classes = new Set(stringValues(group, 'objectClass').map((c) => c.toLowerCase()));
  if (source.kind === 'ad') {
    if (classes.has('group')) return 'member';
  } else if (classes.has('groupofnames')) return 'member';
  else if (classes.has('groupofuniquenames')) return 'uniqueMember';
  else if (classes.has('posixgroup')) return 'memberUid';
  if (!strict) return 'member';
  const expected = source.kind === 'ad' ? 'a group' : 'a groupOfNames, groupOfUniqueNames or posixGroup';
  throw new VigieError('invalid-input', `${group.dn} is not ${expected} of the directory "${source.name}": check the group's DN`);
}

/** Whether the group's attribute holds the value now (the server compares with the attribute's matching rule). */
export async function holds(session: WriteSession, groupDn: string, membership: { attribute: string; value: string }, step: WriteStep): Promise<boolean> {
  const filter = new EqualityFilter({ attribute: membership.attribute, value: membership.value });
  return (await session.entry(groupDn, [], step, filter)) !== null;
}
