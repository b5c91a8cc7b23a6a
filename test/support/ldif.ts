/**
 * Just enough LDIF for the test harness: read content records, add the base entry, put parents before
 * children and fill memberOf (slapadd runs no overlay, so a bulk load must carry memberOf itself).
 */

export interface LdifRecord {
  dn: string;
  /** Unfolded attribute lines, the dn line excluded, as written (values may be base64 with `::`). */
  lines: string[];
}

export interface LdifAttribute {
  /** Attribute type as written, options included (e.g. `userCertificate;binary`). */
  type: string;
  value: string;
  /** true when the value was base64 (`::`) in the LDIF. */
  base64: boolean;
}

/** Content records of an LDIF text; `version:`, comments and `changetype: add` are dropped. */
export function parseLdif(text: string): LdifRecord[] {
  const records: LdifRecord[] = [];
  const unfolded: string[] = [];
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    if (raw.startsWith(' ') && unfolded.length > 0 && unfolded[unfolded.length - 1] !== '') {
      unfolded[unfolded.length - 1] += raw.slice(1);
    } else {
      unfolded.push(raw);
    }
  }
  let current: string[] = [];
  const flush = () => {
    const lines = current.filter((l) => !l.startsWith('#'));
    current = [];
    if (lines.length === 0) return;
    if (lines.length === 1 && /^version:/i.test(lines[0])) return;
    const body = /^version:/i.test(lines[0]) ? lines.slice(1) : lines;
    const first = parseLine(body[0]);
    if (!first || first.type.toLowerCase() !== 'dn') {
      throw new Error(`LDIF record does not start with dn: "${body[0].slice(0, 80)}"`);
    }
    const rest = body.slice(1).filter((l) => {
      const a = parseLine(l);
      if (a?.type.toLowerCase() !== 'changetype') return true;
      if (a.value.toLowerCase() === 'add') return false;
      throw new Error(`LDIF record ${first.value}: changetype ${a.value} cannot be bulk-loaded (use ldapModify once started)`);
    });
    records.push({ dn: first.value, lines: rest });
  };
  for (const line of unfolded) {
    if (line.trim() === '') flush();
    else current.push(line);
  }
  flush();
  return records;
}

/** One `type: value`, `type:: base64` or `type:< url` line; undefined for a line that is none of them. */
export function parseLine(line: string): LdifAttribute | undefined {
  const m = /^([A-Za-z0-9][A-Za-z0-9;.-]*):(:|<)?\s?(.*)$/.exec(line);
  if (!m) return undefined;
  const base64 = m[2] === ':';
  const value = base64 ? Buffer.from(m[3].trim(), 'base64').toString('utf8') : m[3];
  return { type: m[1], value, base64 };
}

export function attributes(record: LdifRecord): LdifAttribute[] {
  return record.lines.map(parseLine).filter((a): a is LdifAttribute => a !== undefined);
}

/** A DN good enough for comparisons in tests: lower case, no spaces around `,` `=` `+`. */
export function normalizeDn(dn: string): string {
  return dn
    .trim()
    .replace(/\s*([,=+])\s*/g, '$1')
    .toLowerCase();
}

/** Number of RDNs (unescaped commas + 1). */
export function dnDepth(dn: string): number {
  let depth = 1;
  for (let i = 0; i < dn.length; i++) {
    if (dn[i] === '\\') i++;
    else if (dn[i] === ',') depth++;
  }
  return depth;
}

/** `type: value`, or `type:: base64` when the value is not a safe LDIF string. */
export function ldifLine(type: string, value: string): string {
  // eslint-disable-next-line no-control-regex -- RFC 2849's SAFE-STRING is defined by the control characters it allows
  const safe = /^[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value) && !value.endsWith(' ');
  return safe || value === '' ? `${type}: ${value}` : `${type}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

/** The base entry of a suffix, from its first RDN (dc=, o=, ou=, c=). */
export function baseEntry(suffix: string): LdifRecord {
  const [attr, ...rest] = suffix.split(',')[0].split('=');
  const type = attr.trim().toLowerCase();
  const value = rest.join('=').trim();
  const classes: Record<string, string[]> = {
    dc: ['top', 'dcObject', 'organization'],
    o: ['top', 'organization'],
    ou: ['top', 'organizationalUnit'],
    c: ['top', 'country'],
  };
  if (!classes[type]) throw new Error(`cannot make a base entry for suffix ${suffix}: put it in the LDIF`);
  const lines = classes[type].map((c) => `objectClass: ${c}`);
  lines.push(ldifLine(type, value));
  if (type === 'dc') lines.push(ldifLine('o', value));
  return { dn: suffix, lines };
}

export interface PrepareOptions {
  /** Add memberOf to entries named as `member` of a groupOfNames of the same LDIF (default true). */
  memberOf?: boolean;
}

/**
 * The LDIF to bulk-load under `suffix`: the base entry first (added when absent; its dn line rewritten to
 * `suffix` as given), then every record sorted parents-first, with memberOf filled in unless the entry
 * already has some. Throws on an entry outside the suffix.
 */
export function prepareBulkLdif(text: string, suffix: string, options: PrepareOptions = {}): string {
  const records = parseLdif(text);
  const suffixNorm = normalizeDn(suffix);
  for (const r of records) {
    const n = normalizeDn(r.dn);
    if (n !== suffixNorm && !n.endsWith(',' + suffixNorm)) {
      throw new Error(`LDIF entry ${r.dn} is not under the suffix ${suffix}`);
    }
  }
  const base = records.find((r) => normalizeDn(r.dn) === suffixNorm);
  const ordered = [base ? { ...base, dn: suffix } : baseEntry(suffix), ...records.filter((r) => r !== base)];

  if (options.memberOf !== false) {
    const groupsOf = new Map<string, string[]>();
    for (const r of ordered) {
      const attrs = attributes(r);
      const isGroup = attrs.some((a) => a.type.toLowerCase() === 'objectclass' && a.value.trim().toLowerCase() === 'groupofnames');
      if (!isGroup) continue;
      for (const a of attrs) {
        if (a.type.toLowerCase() !== 'member') continue;
        const key = normalizeDn(a.value);
        groupsOf.set(key, [...(groupsOf.get(key) ?? []), r.dn]);
      }
    }
    for (const r of ordered) {
      const groups = groupsOf.get(normalizeDn(r.dn));
      if (!groups || attributes(r).some((a) => a.type.toLowerCase() === 'memberof')) continue;
      r.lines = [...r.lines, ...groups.map((g) => ldifLine('memberOf', g))];
    }
  }

  // Stable sort: parents (fewer RDNs) first, order kept within a depth.
  const sorted = ordered.map((r, i) => ({ r, i, d: dnDepth(r.dn) })).sort((a, b) => a.d - b.d || a.i - b.i);
  return sorted.map(({ r }) => [ldifLine('dn', r.dn), ...r.lines].join('\n')).join('\n\n') + '\n';
}
