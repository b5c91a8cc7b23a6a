/**
 * Attributes whose values are bytes, not text. Both readers return them as Buffers always, even
 * when the bytes happen to be valid UTF-8 (a GUID can be), so that decoders can rely on the type.
 * Spelled as AD and OpenLDAP spell them, because ldapts matches `explicitBufferAttributes`
 * case-sensitively; lookups here are case-insensitive.
 */
export const BINARY_ATTRIBUTES: readonly string[] = [
  // AD identity
  'objectGUID',
  'objectSid',
  'sIDHistory',
  'tokenGroups',
  'mS-DS-ConsistencyGuid',
  'msDS-GenerationId',
  'securityIdentifier',
  // AD security and account data
  'nTSecurityDescriptor',
  'msDS-AllowedToActOnBehalfOfOtherIdentity',
  'logonHours',
  'msDS-ManagedPasswordId',
  'msDS-ManagedPasswordPreviousId',
  // Exchange
  'msExchMailboxGuid',
  'msExchArchiveGUID',
  'msExchMasterAccountSid',
  'msExchMailboxSecurityDescriptor',
  // snapshots and certificates (AD and inetOrgPerson)
  'thumbnailPhoto',
  'jpegPhoto',
  'photo',
  'audio',
  'userCertificate',
  'userSMIMECertificate',
  'userPKCS12',
  'cACertificate',
  'certificateRevocationList',
  'authorityRevocationList',
  'crossCertificatePair',
];

const binaryNames = new Set(BINARY_ATTRIBUTES.map((name) => name.toLowerCase()));

/**
 * Whether an attribute description (name with options, any case) holds binary values. The
 * `;binary` option (RFC 4522) marks binary transfer whatever the attribute.
 */
export function isBinaryAttribute(description: string): boolean {
  const [name = '', ...options] = description.toLowerCase().split(';');
  return binaryNames.has(name) || options.includes('binary');
}
