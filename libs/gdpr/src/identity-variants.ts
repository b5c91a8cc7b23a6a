/**
 * How free text writes a person's name besides the way the directory does: surname first, with or without a comma
 * ("Lefèvre Hélène", "Lefèvre, Hélène"). Accents and case are the store's business (it finds both).
 */
export function nameVariants(name: string): string[] {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) return [];
  const comma = /^([^,]+),\s*([^,]+)$/.exec(trimmed);
  if (comma) return uniq([trimmed, `${comma[2]} ${comma[1]}`, `${comma[1]} ${comma[2]}`]);
  const parts = trimmed.split(' ');
  if (parts.length !== 2) return [trimmed];
  const [first, last] = parts;
  return uniq([trimmed, `${last} ${first}`, `${last}, ${first}`]);
}

function uniq(values: string[]): string[] {
  return [...new Map(values.map((v) => [v.toLowerCase(), v])).values()];
}

/**
 * What a person's DN says of them in its first value: a name on Active Directory (`CN=Hélène Lefèvre,OU=…`, or
 * `cn=Martin\, Paul`), a login on OpenLDAP (`uid=hlefevre,…`). Free text writes the name unescaped.
 */
export function formsOfDn(dn: string): { names: string[]; logins: string[] } {
  const m = /^\s*([A-Za-z][\w-]*)\s*=\s*((?:\\.|[^,+\\])*)/.exec(dn);
  if (!m) return { names: [], logins: [] };
  const value = unescapeDnValue(m[2]).trim();
  if (!value) return { names: [], logins: [] };
  const attribute = m[1].toLowerCase();
  if (attribute === 'cn' || attribute === 'displayname') return { names: [value], logins: [] };
  if (attribute === 'uid' || attribute === 'samaccountname') return { names: [], logins: [value] };
  return { names: [], logins: [] };
}

/** RFC 4514: `\,` stands for the character, `\2C` for the byte (UTF-8 sequences of several bytes included). */
function unescapeDnValue(value: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\' && /^[0-9a-fA-F]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (value[i] === '\\' && i + 1 < value.length) {
      bytes.push(...Buffer.from(value[++i]));
    } else {
      bytes.push(...Buffer.from(value[i]));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
