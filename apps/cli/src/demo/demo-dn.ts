import { BASE_DN } from './demo-company.data.js';

/**
 * Escapes an RDN value (RFC 4514 §2.4), so that "Martin, Paul" becomes `Martin\, Paul`. Accented
 * letters stay as they are: AD writes UTF-8 DNs, which the LDIF then carries in base64.
 */
export function escapeRdnValue(value: string): string {
  let out = value.replace(/["+,;<>\\=]/g, (c) => `\\${c}`);
  if (out.startsWith(' ') || out.startsWith('#')) out = `\\${out}`;
  if (out.endsWith(' ')) out = `${out.slice(0, -1)}\\ `;
  return out;
}

export const ouDn = (ou: string) => `OU=${escapeRdnValue(ou)},${BASE_DN}`;
export const usersContainerDn = `CN=Users,${BASE_DN}`;
export const builtinContainerDn = `CN=Builtin,${BASE_DN}`;
export const schemaDn = (objectCategory: string) => `CN=${objectCategory},CN=Schema,CN=Configuration,${BASE_DN}`;
export const childDn = (cn: string, parentDn: string) => `CN=${escapeRdnValue(cn)},${parentDn}`;
