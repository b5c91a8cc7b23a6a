// Public API of the directory context: reading entries from LDAP/AD servers and LDIF files, and
// the DN, AD and error vocabulary that goes with them.
export { type AttributeValue, type DirectoryEntry, firstBuffer, firstString, hasObjectClass, stringValues } from './directory-entry.js';
export type { DirectorySource, LdapDirectorySource } from './directory-source.js';
export { type DeletedEntry, DirectoryReader, type DirectoryServerState, type ReadOptions } from './directory-reader.port.js';
export * from './default-directory.reader.js';
export { DirectoryAuthError, DirectoryTlsError, DirectoryUnreachableError, LdifSyntaxError } from './errors.js';
export { escapeDnValue, formatDn, normalizeDn, parentDn, parseDn, rdnValue } from './dn.js';
export {
  dateToFiletime,
  filetimeToDate,
  generalizedTimeToDate,
  type GroupScope,
  groupTypeOf,
  guidToBytes,
  guidToString,
  hasFlag,
  ridOfSid,
  sidFromString,
  sidToString,
  UserAccountControl,
} from './ad/ad-decoders.js';
export { parseLdif } from './ldif/ldif-parser.js';
export { LdifEntryReader } from './ldif/ldif-entry.reader.js';
export { AD_ATTRIBUTES, DEFAULT_FILTER, OPENLDAP_ATTRIBUTES, SYNC_ATTRIBUTES } from './ldap/ldap-search-options.js';
export { createDirectoryLogin } from './login/ldap-directory-login.js';
export { type AccountChanges, DirectoryWriter, type NewAccount } from './write/directory-writer.port.js';
export { createDirectoryWriter } from './write/ldap-directory-writer.js';
