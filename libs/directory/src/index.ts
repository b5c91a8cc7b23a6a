// Public API of the directory context: reading entries from LDAP/AD servers and LDIF files, and
// the DN, AD and error vocabulary that goes with them.
export * from './directory-entry.js';
export * from './directory-source.js';
export * from './directory-reader.port.js';
export * from './default-directory.reader.js';
export * from './errors.js';
export * from './dn.js';
export * from './binary-attributes.js';
export * from './ad/ad-decoders.js';
export { LdifParser, parseLdif } from './ldif/ldif-parser.js';
export { LdifEntryReader } from './ldif/ldif-entry.reader.js';
export { LdapEntryReader } from './ldap/ldap-entry.reader.js';
export {
  AD_ATTRIBUTES,
  DEFAULT_FILTER,
  DEFAULT_GROUP_FILTER,
  DEFAULT_OTHER_FILTER,
  DEFAULT_USER_FILTER,
  OPENLDAP_ATTRIBUTES,
  SYNC_ATTRIBUTES,
  searchFilterFor,
} from './ldap/ldap-search-options.js';
export { mergeRangeChunk, mergeRanges, parseAttributeRange, type AttributeRange, type RangeRequest } from './ldap/ranged-attribute.js';
