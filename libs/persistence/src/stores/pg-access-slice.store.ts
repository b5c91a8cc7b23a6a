// Types only at import: the access library (and the policy parser under it) loads when a question is asked, not with
// every command that loads the stores.
import type { AccessSliceStore } from '#vigie/access';
import { escapeDnValue, normalizeDn } from '#vigie/directory';
import type { AccountRecord, DirectorySnapshot, GroupRecord, MembershipRecord } from '#vigie/identity';
import type { SqlClient } from '../sql-client.js';
import { toAccount, toGroup } from './snapshot-columns.js';
import { SqlParams } from './sql-params.js';

/** The well-known principals of the access library (SIDs of Everyone, Authenticated Users...), loaded when first asked. */
const principals = () => import('#vigie/access');

// PostgreSQL takes at most 65535 parameters a statement.
const CHUNK = 10_000;
// Foreign security principals that stand for Everyone and Authenticated Users, as AD names them in `member`.
const IMPLICIT_FSP_PREFIXES = ['cn=s-1-1-0,', 'cn=s-1-5-11,'];

/**
 * Slices of the stored snapshots for effective-access questions, walked in the database with recursive queries on
 * the membership table (indexed both ways: by group through the primary key, by member through its index).
 */
export class PgAccessSliceStore implements AccessSliceStore {
  constructor(private readonly db: SqlClient) {}

  async directories(): Promise<string[]> {
    // A directory has a stored snapshot once one of its sync runs succeeded (a failed one leaves the previous snapshot).
    const rows: Array<{ directory: string }> = await this.db.query(`SELECT DISTINCT directory FROM sync_run WHERE status = 'succeeded' ORDER BY directory`);
    return rows.map((r) => r.directory);
  }

  async findAccounts(query: { dnNorm: string | null; text: string }, directory?: string): Promise<AccountRecord[]> {
    const p = new SqlParams();
    const text = p.add(query.text);
    // Each branch has its index (the primary key needs the directory first), so PostgreSQL ORs three index scans.
    const or = [`lower(a.login) = lower(${text})`, `a.employee_id = ${text}`];
    const directories = directory ? [directory] : await this.directories();
    if (query.dnNorm && directories.length) or.unshift(`(a.directory IN (${p.list(directories)}) AND a.dn_norm = ${p.add(query.dnNorm)})`);
    const where = directory ? ` AND a.directory = ${p.add(directory)}` : '';
    const rows: Row[] = await this.db.query(`SELECT a.* FROM account a WHERE (${or.join(' OR ')})${where} ORDER BY a.directory, a.dn_norm`, p.values);
    return rows.map(toAccount);
  }

  async above(
    directory: string,
    accounts: readonly AccountRecord[],
    everyoneRefs: readonly string[],
    groupRefs: readonly string[] = [],
  ): Promise<DirectorySnapshot> {
    const primarySids = accounts.flatMap((a) =>
      a.objectSid && a.primaryGroupId !== null ? [`${a.objectSid.slice(0, a.objectSid.lastIndexOf('-'))}-${a.primaryGroupId}`] : [],
    );
    const seedGroups = await this.groupsNamed(directory, [...everyoneRefs, ...primarySids, 'S-1-1-0', 'S-1-5-11', ...groupRefs]);
    // AD keeps Everyone and Authenticated Users, when put in a group, as foreign security principals in the domain's
    // CN=ForeignSecurityPrincipals container: their DNs follow from the accounts' domain.
    const domains = new Set(accounts.map((a) => domainOf(a.dnNorm)).filter((d) => d !== ''));
    const implicitPrincipals = [...domains].flatMap((d) => IMPLICIT_FSP_PREFIXES.map((p) => `${p}cn=foreignsecurityprincipals,${d}`));
    const seeds = [...new Set([...accounts.map((a) => a.dnNorm), ...seedGroups.map((g) => g.dnNorm), ...implicitPrincipals])];
    const memberships = await this.closure(directory, seeds, 'up');
    const groupDns = new Set([...seedGroups.map((g) => g.dnNorm), ...memberships.map((m) => m.groupDnNorm)]);
    const groups = await this.groupsByDn(directory, [...groupDns]);
    return this.snapshot(directory, [...accounts], groups, memberships);
  }

  async below(directory: string, groupRefs: readonly string[], everyoneRefs: readonly string[]): Promise<DirectorySnapshot> {
    const { isImplicitSid, readGroupReference, sidOfForeignDn } = await principals();
    const named = await this.groupsNamed(directory, groupRefs);
    const everyone = new Set((await this.groupsNamed(directory, everyoneRefs)).map((g) => g.dnNorm));
    const memberships = named.length
      ? await this.closure(
          directory,
          named.map((g) => g.dnNorm),
          'down',
        )
      : [];
    const nodes = new Set([...named.map((g) => g.dnNorm), ...memberships.map((m) => m.memberDnNorm)]);
    const groups = await this.groupsByDn(directory, [...nodes]);
    let implicit = groupRefs.some((ref) => {
      const form = readGroupReference(ref);
      return form.kind === 'sid' && isImplicitSid(form.sid);
    });
    for (const dn of nodes) if (everyone.has(dn) || isImplicitSid(sidOfForeignDn(dn))) implicit = true;
    if (groups.some((g) => isImplicitSid(g.objectSid))) implicit = true;
    let accounts: AccountRecord[];
    if (implicit) {
      accounts = ((await this.db.query(`SELECT * FROM account WHERE directory = $1 ORDER BY dn_norm`, [directory])) as Row[]).map(toAccount);
    } else {
      const direct = await this.accountsByDn(directory, [...nodes]);
      const primary = await this.accountsWithPrimaryGroup(directory, groups);
      const seen = new Set(direct.map((a) => a.dnNorm));
      accounts = [...direct, ...primary.filter((a) => !seen.has(a.dnNorm))].sort((a, b) => (a.dnNorm < b.dnNorm ? -1 : a.dnNorm > b.dnNorm ? 1 : 0));
    }
    return this.snapshot(directory, accounts, groups, memberships);
  }

  /** The memberships met walking up (member to group) or down (group to member) from the seeds, at any depth. */
  private async closure(directory: string, seeds: string[], direction: 'up' | 'down'): Promise<MembershipRecord[]> {
    if (!seeds.length) return [];
    const from = direction === 'up' ? 'member_dn_norm' : 'group_dn_norm';
    const list = seeds.map((_, i) => `$${i + 2}`).join(', ');
    // The walk collects the edges themselves, each step an index lookup from the last step's far ends (LATERAL with
    // OFFSET 0 keeps it so even when the table's statistics are stale after a bulk sync, where the planner would
    // otherwise scan the whole table); UNION keeps each edge once, so cycles of nested groups end.
    const next = direction === 'up' ? 'e.group_dn' : 'e.member_dn';
    const rows: Array<{ groupDnNorm: string; memberDnNorm: string }> = await this.db.query(
      `WITH RECURSIVE edge(group_dn, member_dn) AS (
         SELECT m.group_dn_norm, m.member_dn_norm FROM membership m WHERE m.directory = $1 AND m.${from} IN (${list})
         UNION
         SELECT n.group_dn_norm, n.member_dn_norm FROM edge e CROSS JOIN LATERAL (
           SELECT m.group_dn_norm, m.member_dn_norm FROM membership m WHERE m.directory = $1 AND m.${from} = ${next} OFFSET 0
         ) n
       )
       SELECT group_dn AS "groupDnNorm", member_dn AS "memberDnNorm" FROM edge`,
      [directory, ...seeds],
    );
    return rows;
  }

  /**
   * Groups named by references as the policy writes them, read as the audit reads them (readGroupReference): SIDs
   * and well-known names, DNs, names (sAMAccountName or cn, any case). Each kind has its index; a name that matches
   * no group's name is then looked for as the CN of a DN (AD's pre-Windows 2000 name may differ from it), the one
   * lookup without an index, and a rare one.
   */
  private async groupsNamed(directory: string, refs: readonly string[]): Promise<GroupRecord[]> {
    const { readGroupReference } = await principals();
    const sids = new Set<string>();
    const dns = new Set<string>();
    const names = new Set<string>();
    for (const ref of refs) {
      const form = readGroupReference(ref);
      if (form.kind === 'sid') sids.add(form.sid);
      else if (form.kind === 'dn') dns.add(form.dnNorm);
      else if (form.kind === 'name') names.add(form.name);
    }
    const found = new Map<string, GroupRecord>();
    const add = (groups: GroupRecord[]) => groups.forEach((g) => found.set(g.dnNorm, g));
    if (sids.size) add(await this.groupsWhere(directory, 'object_sid', [...sids]));
    if (dns.size) add(await this.groupsByDn(directory, [...dns]));
    if (names.size) {
      const byName = await this.groupsWhere(directory, 'lower(name)', [...names]);
      add(byName);
      const missing = [...names].filter((n) => !byName.some((g) => g.name.toLowerCase() === n));
      if (missing.length) {
        const patterns = missing.map((n) => `${likeEscape(normalizeDn(`cn=${escapeDnValue(n)}`))},%`);
        const rows: Array<{ dn: string }> = await this.db.query(
          `SELECT dn_norm AS dn FROM directory_group WHERE directory = $1 AND (${patterns.map((_, i) => `dn_norm LIKE $${i + 2} ESCAPE '!'`).join(' OR ')})`,
          [directory, ...patterns],
        );
        add(
          await this.groupsByDn(
            directory,
            rows.map((r) => r.dn),
          ),
        );
      }
    }
    return [...found.values()];
  }

  private async groupsByDn(directory: string, dns: string[]): Promise<GroupRecord[]> {
    return (await this.groupsWhere(directory, 'dn_norm', dns)).sort((a, b) => (a.dnNorm < b.dnNorm ? -1 : a.dnNorm > b.dnNorm ? 1 : 0));
  }

  private async groupsWhere(directory: string, column: string, values: string[]): Promise<GroupRecord[]> {
    return (await this.rowsWhere('directory_group', directory, column, values)).map(toGroup);
  }

  private async accountsByDn(directory: string, dns: string[]): Promise<AccountRecord[]> {
    return (await this.rowsWhere('account', directory, 'dn_norm', dns)).map(toAccount);
  }

  /** Rows of a table of the directory whose `column` (an expression of the table's) is one of the values, in slices. */
  private async rowsWhere(table: string, directory: string, column: string, values: string[]): Promise<Row[]> {
    const out: Row[] = [];
    for (let i = 0; i < values.length; i += CHUNK) {
      const p = new SqlParams();
      const rows: Row[] = await this.db.query(
        `SELECT * FROM ${table} WHERE directory = ${p.add(directory)} AND ${column} IN (${p.list(values.slice(i, i + CHUNK))})`,
        p.values,
      );
      out.push(...rows);
    }
    return out;
  }

  /** Accounts whose AD primary group (never listed in `member`) is one of these groups. */
  private async accountsWithPrimaryGroup(directory: string, groups: GroupRecord[]): Promise<AccountRecord[]> {
    const { domainRidOf } = await principals();
    const out: AccountRecord[] = [];
    for (const g of groups) {
      const rid = domainRidOf(g.objectSid);
      if (rid === null) continue;
      const domain = g.objectSid!.slice(0, g.objectSid!.lastIndexOf('-'));
      const rows: Row[] = await this.db.query(`SELECT * FROM account WHERE directory = $1 AND primary_group_id = $2 AND upper(object_sid) LIKE $3`, [
        directory,
        rid,
        `${domain.toUpperCase()}-%`,
      ]);
      out.push(...rows.map(toAccount));
    }
    return out;
  }

  private snapshot(directory: string, accounts: AccountRecord[], groups: GroupRecord[], memberships: MembershipRecord[]): DirectorySnapshot {
    return { directory, syncRunId: null, syncedAt: null, accounts, groups, memberships, objects: [] };
  }
}

type Row = Record<string, unknown>;

/** The domain naming context of a normalized DN: its trailing dc= components. */
function domainOf(dnNorm: string): string {
  const match = /(?:^|,)(dc=[^,]+(?:,dc=[^,]+)*)$/.exec(dnNorm);
  return match ? match[1] : '';
}

function likeEscape(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
