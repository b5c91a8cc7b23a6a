/** A value as read: text, or the raw bytes of a binary attribute (objectGUID, objectSid, photos...). */
export type AttributeValue = string | Buffer;

/**
 * One object read from a directory, as read: its DN and its attributes.
 *
 * Attribute names are lower-cased (LDAP attribute types are case-insensitive, and AD, OpenLDAP
 * and LDIF exports do not agree on spelling), options included: `usercertificate;binary`.
 * AD range options (`member;range=0-1499`) never reach callers: the LDAP reader fetches the
 * remaining ranges and merges them into the plain name (`member`). Values keep their order and
 * an attribute with no value is absent, never an empty array.
 */
export interface DirectoryEntry {
  dn: string;
  attributes: Record<string, AttributeValue[]>;
}

/** All values of an attribute, whatever case `name` is written in; [] when absent. */
export function attributeValues(entry: DirectoryEntry, name: string): AttributeValue[] {
  return entry.attributes[name.toLowerCase()] ?? [];
}

/** Text values of an attribute (Buffers are decoded as UTF-8). */
export function stringValues(entry: DirectoryEntry, name: string): string[] {
  return attributeValues(entry, name).map((value) => (typeof value === 'string' ? value : value.toString('utf8')));
}

/** The first text value of an attribute, or undefined when absent. */
export function firstString(entry: DirectoryEntry, name: string): string | undefined {
  const [first] = attributeValues(entry, name);
  if (first === undefined) return undefined;
  return typeof first === 'string' ? first : first.toString('utf8');
}

/** The first value of a binary attribute, or undefined when absent. */
export function firstBuffer(entry: DirectoryEntry, name: string): Buffer | undefined {
  const [first] = attributeValues(entry, name);
  if (first === undefined) return undefined;
  return typeof first === 'string' ? Buffer.from(first, 'utf8') : first;
}

/** Whether the entry has the object class, compared case-insensitively as LDAP does. */
export function hasObjectClass(entry: DirectoryEntry, objectClass: string): boolean {
  const wanted = objectClass.toLowerCase();
  return stringValues(entry, 'objectclass').some((value) => value.toLowerCase() === wanted);
}
