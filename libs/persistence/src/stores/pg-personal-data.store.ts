// Types only: a store's module must not load its domain library (the command line loads stores it never uses).
import { randomUUID } from 'node:crypto';
import type { ErasureOutcome, ErasureRecord, IdentityForms, PersonalDataStore, Replacement, StoredFinding } from '#vigie/gdpr';
import type { AccountRecord, SyncWatermark } from '#vigie/identity';
import type { SqlClient, SqlQuery } from '../sql-client.js';
import { identityPattern, identityRegExp, replacementText } from './identity-pattern.js';
import { type IdentityKind, PERSONAL_DATA, type PersonalColumn, type PersonalTable } from './personal-data.registry.js';
import { erasePersonsIn } from './pg-trail.store.js';
import { dateOrNull } from './row-values.js';
import { toAccount } from './snapshot-columns.js';
import { SqlParams } from './sql-params.js';

/** The trail's tables: changed only by the trail's erasure (erasePersonsIn), never by the registry's replacements. */
const TRAIL_TABLES = new Set(['trail_person', 'trail_personal']);
/** Shorter values are too likely to be part of other words to be replaced everywhere; the person's own rows are cleared anyway. */
const MIN_REPLACED_LENGTH = 3;
/** Kinds that tell one person from another; a name alone may be a namesake's, so it is gathered, never matched on. */
const MATCHED_KINDS: IdentityKind[] = ['employee-id', 'login', 'dn', 'mail'];
const FORM_FIELDS: Record<IdentityKind, keyof Omit<IdentityForms, 'directories'>> = {
  'employee-id': 'employeeIds',
  login: 'logins',
  dn: 'dns',
  name: 'names',
  mail: 'mails',
};
/** A person is identified in a few rounds at most: id → finding's DN → change of that DN → login. */
const MAX_ROUNDS = 5;

/** What Vigie holds about people, found and erased through the personal-data registry (GDPR art. 15 and 17). */
export class PgPersonalDataStore implements PersonalDataStore {
  constructor(private readonly db: SqlClient) {}

  async findAccounts(employeeIdOrLogin: string): Promise<AccountRecord[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT * FROM account WHERE employee_id = $1 OR lower(login) = lower($1) ORDER BY directory, dn_norm`,
      [employeeIdOrLogin],
    );
    return rows.map(toAccount);
  }

  async lockAccounts(employeeIdOrLogin: string): Promise<AccountRecord[]> {
    // SHARE: reads go on, writes (a sync's) wait for the erasure's commit; a sync already writing is waited for.
    await this.db.query(`LOCK TABLE account IN SHARE MODE`);
    return this.findAccounts(employeeIdOrLogin);
  }

  async identify(seed: IdentityForms): Promise<IdentityForms> {
    const forms = new Forms(seed);
    // Only what rows hold is returned: a seed that names no one stays unknown.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const before = forms.size;
      for (const table of PERSONAL_DATA) await this.gather(table, forms);
      if (forms.size === before) break;
    }
    return forms.toForms();
  }

  async holdings(forms: IdentityForms): Promise<Record<string, number>> {
    const patterns = patternsOf(replacementsOf(forms));
    if (!patterns.length) return {};
    const held: Record<string, number> = {};
    for (const table of PERSONAL_DATA) {
      const p = new SqlParams();
      const [{ n }] = await this.db.query(`SELECT count(*)::int AS n FROM "${table.table}" WHERE ${holding(table, patterns, p)}`, p.values);
      if (n) held[table.table] = n;
    }
    const reports = await countReportsNaming(this.db, identitiesOf(forms));
    if (reports) held.report = reports;
    return held;
  }

  async findingsAbout(forms: IdentityForms): Promise<StoredFinding[]> {
    const p = new SqlParams();
    const or: string[] = [];
    if (forms.dns.length) or.push(`lower(f.subject->>'dn') IN (${p.list(forms.dns.map((d) => d.toLowerCase()))})`);
    if (forms.logins.length) or.push(`lower(f.login) IN (${p.list(forms.logins.map((l) => l.toLowerCase()))})`);
    if (forms.employeeIds.length) or.push(`f.subject->>'employeeId' IN (${p.list(forms.employeeIds)})`);
    if (!or.length) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT f.*, r.as_of AS as_of FROM finding f LEFT JOIN audit_run r ON r.id = f.audit_run_id
        WHERE ${or.join(' OR ')} ORDER BY r.as_of DESC, f.rule`,
      p.values,
    );
    return rows.map((r) => ({
      auditRunId: r.audit_run_id as string,
      auditRunAsOf: dateOrNull(r.as_of),
      id: r.id as string,
      rule: r.rule as string,
      severity: r.severity as string,
      subject: r.subject as Record<string, unknown>,
      resource: (r.resource as Record<string, unknown> | null) ?? null,
      message: r.message as string,
      evidence: r.evidence as Record<string, unknown>,
      explain: r.explain as string[],
    }));
  }

  erase(input: {
    pseudonyms: string[];
    accounts: Array<{ directory: string; dnNorm: string }>;
    replacements: Replacement[];
    record: { pseudonym: string; digests: string[]; forced: boolean };
  }): Promise<ErasureOutcome> {
    return this.db.transaction(async (tx) => {
      // The trail's personal parts change only through its erasure path, which records the entries it touched.
      const erasureId = randomUUID();
      const patterns = patternsOf(input.replacements);
      const trail = await erasePersonsIn(tx, erasureId, input.pseudonyms, trailReplacementsOf(patterns));
      const rows: Record<string, number> = {};
      const count = (table: string, n: number) => n && (rows[table] = (rows[table] ?? 0) + n);
      // The trail's personal parts changed by its erasure path, whole or scrubbed, count as that table's rows.
      count('trail_personal', trail.entries.length);
      // Not counted: the person's own account rows are counted below, where their DN and login are replaced.
      // A report's bytes cannot be scrubbed without rewriting what was handed to auditors: the reports naming the
      // person are deleted, found by the subjects written when each was generated. The count goes into gdpr.erased.
      count(
        'report',
        await deleteReportsNaming(
          tx,
          input.replacements.map((r) => r.value),
        ),
      );
      await clearAccounts(tx, input.accounts);
      await requestFullSync(tx, input.accounts);
      if (patterns.length) {
        // trail_person was just cleared by the trail's erasure; another person's row is theirs, whatever its name.
        // trail_personal was scrubbed by the trail's erasure path above (its rows are in trail.entries).
        for (const table of PERSONAL_DATA.filter((t) => !TRAIL_TABLES.has(t.table))) count(table.table, await replaceIn(tx, table, patterns));
      }
      const p = new SqlParams();
      const at = p.add(new Date());
      const values = input.record.digests.map((d) => `(${p.add(d)}, ${p.add(input.record.pseudonym)}, ${at}::timestamptz, ${p.add(input.record.forced)})`);
      if (values.length)
        await tx.query(`INSERT INTO gdpr_erasure (digest, pseudonym, erased_at, forced) VALUES ${values.join(', ')} ON CONFLICT (digest) DO NOTHING`, p.values);
      return { rows, trailEntries: trail.entries.length, trailPersons: trail.persons, trailErasure: { erasureId, at: new Date(), entries: trail.entries } };
    });
  }

  async findErasure(digests: string[]): Promise<ErasureRecord | null> {
    if (!digests.length) return null;
    const p = new SqlParams();
    const rows: Array<{ pseudonym: string; erased_at: Date | string }> = await this.db.query(
      `SELECT pseudonym, erased_at FROM gdpr_erasure WHERE digest IN (${p.list(digests)}) ORDER BY erased_at LIMIT 1`,
      p.values,
    );
    return rows.length ? { pseudonym: rows[0].pseudonym, erasedAt: new Date(rows[0].erased_at) } : null;
  }

  /** Adds the forms the table's identifying columns hold on the rows that name one of the forms already known. */
  private async gather(table: PersonalTable, forms: Forms): Promise<void> {
    const keys = table.columns.flatMap((c) => (c.keys ?? []).map((k) => ({ column: c, key: k, expr: keyExpr(c, k.path) })));
    const changes = table.columns.filter((c) => c.changedAttributes);
    if (!keys.length) return;
    const p = new SqlParams();
    const or = keys
      .filter(({ key }) => MATCHED_KINDS.includes(key.kind) && forms.of(key.kind).length)
      .map(({ key, expr }) => `(lower(${expr}) IN (${p.list(forms.of(key.kind).map((v) => v.toLowerCase()))})${key.when ? ` AND ${key.when}` : ''})`);
    if (!or.length) return;
    const selected = keys.map(({ key, expr }, i) => `${key.when ? `CASE WHEN ${key.when} THEN ${expr} END` : expr} AS k${i}`);
    const extra = [...changes.map((c) => `"${c.column}" AS "${c.column}"`), ...(table.directory ? [`"${table.directory}" AS directory`] : [])];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${[...selected, ...extra].join(', ')} FROM "${table.table}" WHERE ${or.join(' OR ')}`,
      p.values,
    );
    for (const row of rows) {
      keys.forEach(({ key }, i) => forms.add(key.kind, row[`k${i}`]));
      if (typeof row.directory === 'string') forms.directories.add(row.directory);
      for (const c of changes) {
        for (const change of (row[c.column] as Array<{ attribute?: string; old?: unknown; new?: unknown }>) ?? []) {
          const kind = change.attribute ? c.changedAttributes![change.attribute] : undefined;
          if (kind) [change.old, change.new].forEach((v) => forms.add(kind, v));
        }
      }
    }
  }
}

/** The forms found so far, each once whatever its case. */
class Forms {
  private readonly values = new Map<IdentityKind, Map<string, string>>(MATCHED_KINDS.concat('name').map((k) => [k, new Map()]));
  /** The forms some row holds, as opposed to the seed's. */
  private readonly found = new Set<string>();
  readonly directories = new Set<string>();

  constructor(seed: IdentityForms) {
    for (const kind of Object.keys(FORM_FIELDS) as IdentityKind[]) for (const v of seed[FORM_FIELDS[kind]]) this.add(kind, v, false);
  }

  add(kind: IdentityKind, value: unknown, found = true): void {
    if (typeof value !== 'string' || !value.trim()) return;
    const key = value.trim().toLowerCase();
    const forms = this.values.get(kind)!;
    if (!forms.has(key)) forms.set(key, value.trim());
    if (found) this.found.add(`${kind}:${key}`);
  }

  of(kind: IdentityKind, onlyFound = false): string[] {
    return [...this.values.get(kind)!.entries()].filter(([key]) => !onlyFound || this.found.has(`${kind}:${key}`)).map(([, v]) => v);
  }

  get size(): number {
    return [...this.values.values()].reduce((n, m) => n + m.size, 0);
  }

  toForms(): IdentityForms {
    return {
      employeeIds: this.of('employee-id', true),
      logins: this.of('login', true),
      dns: this.of('dn', true),
      names: this.of('name', true),
      mails: this.of('mail', true),
      directories: [...this.directories],
    };
  }
}

function keyExpr(c: PersonalColumn, path?: string): string {
  return path ? `("${c.column}"->>'${path}')` : `"${c.column}"`;
}

/** Every form as a replacement of itself: what the export counts is what the erasure would replace. */
function replacementsOf(forms: IdentityForms): Replacement[] {
  return [...forms.dns, ...forms.mails, ...forms.names, ...forms.logins, ...forms.employeeIds].map((value) => ({ value, by: value }));
}

interface Pattern {
  /** PostgreSQL's pattern, on a text column and on a JSON column's text. */
  text: string;
  json: string;
  byText: string;
  /** JavaScript's, for the strings of a JSON value. */
  regExp: RegExp;
  by: string;
}

/** The longest first, so that a DN is replaced before the login inside it. */
function patternsOf(replacements: Replacement[]): Pattern[] {
  return replacements
    .filter((r) => r.value.trim().length >= MIN_REPLACED_LENGTH)
    .sort((a, b) => b.value.length - a.value.length)
    .map((r) => ({
      text: identityPattern(r.value),
      json: identityPattern(r.value, { json: true }),
      byText: replacementText(r.by),
      regExp: identityRegExp(r.value),
      by: r.by,
    }));
}

/**
 * The forms for the trail's erasure function, which applies each to a personal part's JSON text and to its target id:
 * both the JSON and the plain writing (they differ only where a form holds a quote or a backslash, a DN's `\,`).
 */
function trailReplacementsOf(patterns: Pattern[]): Array<{ pattern: string; by: string }> {
  const unique = new Map<string, { pattern: string; by: string }>();
  for (const x of patterns) {
    for (const r of [
      { pattern: x.json, by: replacementText(x.by, { json: true }) },
      { pattern: x.text, by: x.byText },
    ])
      unique.set(`${r.pattern}\u0000${r.by}`, r);
  }
  return [...unique.values()];
}

/** Rows of the table where a column holds one of the forms. */
function holding(table: PersonalTable, patterns: Pattern[], p: SqlParams): string {
  return table.columns
    .map((c) =>
      c.json
        ? `"${c.column}"::text ~ ${p.add(patterns.map((x) => `(${x.json})`).join('|'))}`
        : `"${c.column}" ~ ${p.add(patterns.map((x) => `(${x.text})`).join('|'))}`,
    )
    .join(' OR ');
}

/**
 * Replaces every form in the table's registered columns; answers the number of rows changed. A table of text columns
 * only takes one statement; where there are JSON columns, each matching row is rewritten from here, its strings and
 * keys replaced and its numbers left alone (an employee id of digits is also a number in some evidence, and a number
 * replaced by text would not be JSON any more).
 */
async function replaceIn(m: SqlQuery, table: PersonalTable, patterns: Pattern[]): Promise<number> {
  if (!table.columns.some((c) => c.json)) {
    const p = new SqlParams();
    const where = holding(table, patterns, p);
    const sets = table.columns.map((c) => {
      let replaced = `"${c.column}"`;
      for (const x of patterns) replaced = `regexp_replace(${replaced}, ${p.add(x.text)}, ${p.add(x.byText)}, 'g')`;
      return `"${c.column}" = ${replaced}`;
    });
    const [, n] = await m.query(`UPDATE "${table.table}" SET ${sets.join(', ')} WHERE ${where}`, p.values);
    return Number(n ?? 0);
  }
  const p = new SqlParams();
  const rows: Array<Record<string, unknown>> = await m.query(
    `SELECT ctid::text AS row_id, ${table.columns.map((c) => `"${c.column}"`).join(', ')} FROM "${table.table}" WHERE ${holding(table, patterns, p)}`,
    p.values,
  );
  let changed = 0;
  for (const row of rows) {
    const u = new SqlParams();
    const sets: string[] = [];
    for (const c of table.columns) {
      const before = row[c.column];
      if (before === null || before === undefined) continue;
      const after = c.json ? replaceInJson(before, patterns) : replaceInString(before as string, patterns);
      if (JSON.stringify(after) !== JSON.stringify(before))
        sets.push(`"${c.column}" = ${u.add(c.json ? JSON.stringify(after) : after)}${c.json ? '::jsonb' : ''}`);
    }
    if (!sets.length) continue;
    await m.query(`UPDATE "${table.table}" SET ${sets.join(', ')} WHERE ctid = ${u.add(row.row_id)}::tid`, u.values);
    changed++;
  }
  return changed;
}

function replaceInString(text: string, patterns: Pattern[]): string {
  return patterns.reduce((t, x) => t.replace(x.regExp, () => x.by), text);
}

/** The value with every string and key scrubbed; numbers, booleans and the shape kept. */
function replaceInJson(value: unknown, patterns: Pattern[]): unknown {
  if (typeof value === 'string') return replaceInString(value, patterns);
  if (Array.isArray(value)) return value.map((v) => replaceInJson(v, patterns));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [replaceInString(k, patterns), replaceInJson(v, patterns)]));
  }
  return value;
}

/** The person's own accounts (a forced erasure): the columns the registry says to clear. */
async function clearAccounts(m: SqlQuery, accounts: Array<{ directory: string; dnNorm: string }>): Promise<void> {
  const columns = PERSONAL_DATA.find((t) => t.table === 'account')!.columns.filter((c) => c.erase === 'clear');
  for (const a of accounts) {
    await m.query(`UPDATE account SET ${columns.map((c) => `"${c.column}" = NULL`).join(', ')} WHERE directory = $1 AND dn_norm = $2`, [a.directory, a.dnNorm]);
  }
}

/**
 * The erased rows are of entries that have not changed in the directory: an incremental run would not read them
 * again. The next run of each of their directories reads everything, and brings them back.
 */
async function requestFullSync(m: SqlQuery, accounts: Array<{ directory: string }>): Promise<void> {
  const directories = [...new Set(accounts.map((a) => a.directory))];
  if (!directories.length) return;
  const watermark: SyncWatermark = { kind: 'full-requested', reason: 'an erasure rewrote accounts that are still in the directory' };
  const p = new SqlParams();
  const json = p.add(JSON.stringify(watermark));
  await m.query(`UPDATE sync_state SET watermark = ${json}::jsonb WHERE directory IN (${p.list(directories)})`, p.values);
}

/** The forms a report's subjects may hold (logins, DNs, employee ids...), lower-cased as they are stored. */
function identitiesOf(forms: IdentityForms): string[] {
  return replacementsOf(forms).map((r) => r.value);
}

async function countReportsNaming(m: SqlQuery, values: string[]): Promise<number> {
  if (!values.length) return 0;
  const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM report WHERE subjects && $1::text[]`, [values.map((v) => v.toLowerCase())]);
  return n;
}

async function deleteReportsNaming(m: SqlQuery, values: string[]): Promise<number> {
  if (!values.length) return 0;
  // Counted in a CTE: a bare DELETE ... RETURNING answers TypeORM's [rows, count] pair, not the rows.
  const [{ n }] = await m.query(`WITH deleted AS (DELETE FROM report WHERE subjects && $1::text[] RETURNING 1) SELECT count(*)::int AS n FROM deleted`, [
    values.map((v) => v.toLowerCase()),
  ]);
  return n;
}
