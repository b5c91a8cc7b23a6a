import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AccessSliceStore, domainRidOf, isImplicitSid, sidOfForeignDn, wellKnownSidOf } from '#vigie/access';
import { escapeDnValue, normalizeDn } from '#vigie/directory';
import type { AccountKind, AccountRecord, DirectorySnapshot, GroupRecord, MembershipRecord } from '#vigie/identity';
import { AccountEntity } from '../entities/account.entity.js';
import { DirectoryGroupEntity } from '../entities/directory-group.entity.js';

// PostgreSQL takes at most 65535 parameters a statement.
const CHUNK = 10_000;
// Foreign security principals that stand for Everyone and Authenticated Users, as AD names them in `member`.
const IMPLICIT_FSP_PREFIXES = ['cn=s-1-1-0,', 'cn=s-1-5-11,'];

/**
 * Slices of the stored snapshots for effective-access questions, walked in the database with recursive queries on
 * the membership table (indexed both ways: by group through the primary key, by member through its index).
 */
@Injectable()
export class TypeormAccessSliceStore extends AccessSliceStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async directories(): Promise<string[]> {
    // A directory has a stored picture once one of its sync runs succeeded (a failed one leaves the previous picture).
    const rows: Array<{ directory: string }> = await this.ds.query(`SELECT DISTINCT directory FROM sync_run WHERE status = 'succeeded' ORDER BY directory`);
    return rows.map((r) => r.directory);
  }

  async findAccounts(query: { dnNorm: string | null; text: string }, directory?: string): Promise<AccountRecord[]> {
    const qb = this.ds.getRepository(AccountEntity).createQueryBuilder('a');
    // Each branch has its index (the primary key needs the directory first), so PostgreSQL ORs three index scans.
    const or = ['lower(a.login) = lower(:text)', 'a.employee_id = :text'];
    const directories = directory ? [directory] : await this.directories();
    if (query.dnNorm && directories.length) or.unshift('(a.directory IN (:...directories) AND a.dn_norm = :dnNorm)');
    qb.where(`(${or.join(' OR ')})`, { text: query.text, dnNorm: query.dnNorm, directories });
    if (directory) qb.andWhere('a.directory = :directory', { directory });
    return (await qb.orderBy('a.directory').addOrderBy('a.dn_norm').getMany()).map(toAccount);
  }

  async above(directory: string, accounts: readonly AccountRecord[], everyoneRefs: readonly string[]): Promise<DirectorySnapshot> {
    const primarySids = accounts.flatMap((a) => (a.objectSid && a.primaryGroupId !== null ? [`${a.objectSid.slice(0, a.objectSid.lastIndexOf('-'))}-${a.primaryGroupId}`] : []));
    const seedGroups = await this.groupsNamed(directory, [...everyoneRefs, ...primarySids, 'S-1-1-0', 'S-1-5-11']);
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
    const named = await this.groupsNamed(directory, groupRefs);
    const everyone = new Set((await this.groupsNamed(directory, everyoneRefs)).map((g) => g.dnNorm));
    const memberships = named.length ? await this.closure(directory, named.map((g) => g.dnNorm), 'down') : [];
    const nodes = new Set([...named.map((g) => g.dnNorm), ...memberships.map((m) => m.memberDnNorm)]);
    const groups = await this.groupsByDn(directory, [...nodes]);
    let implicit = groupRefs.some((ref) => isImplicitSid(wellKnownSidOf(ref)));
    for (const dn of nodes) if (everyone.has(dn) || isImplicitSid(sidOfForeignDn(dn))) implicit = true;
    if (groups.some((g) => isImplicitSid(g.objectSid))) implicit = true;
    let accounts: AccountRecord[];
    if (implicit) {
      accounts = (await this.ds.getRepository(AccountEntity).find({ where: { directory }, order: { dnNorm: 'ASC' } })).map(toAccount);
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
    const rows: Array<{ groupDnNorm: string; memberDnNorm: string }> = await this.ds.query(
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
   * Groups named by references as the policy writes them: SIDs and well-known names, DNs, names (sAMAccountName or
   * cn, any case). Each kind has its index; a name that matches no group's name is then looked for as the CN of a DN
   * (AD's pre-Windows 2000 name may differ from it), the one lookup without an index, and a rare one.
   */
  private async groupsNamed(directory: string, refs: readonly string[]): Promise<GroupRecord[]> {
    const sids = new Set<string>();
    const dns = new Set<string>();
    const names = new Set<string>();
    for (const ref of new Set(refs.map((r) => r.trim()))) {
      const sid = wellKnownSidOf(ref);
      if (sid) sids.add(sid);
      else if (ref.includes('=')) {
        try {
          dns.add(normalizeDn(ref));
        } catch {
          // Not a DN after all, and no group name holds "=" either.
        }
      } else names.add(ref.toLowerCase());
    }
    const found = new Map<string, GroupRecord>();
    const add = (groups: GroupRecord[]) => groups.forEach((g) => found.set(g.dnNorm, g));
    const repo = this.ds.getRepository(DirectoryGroupEntity);
    if (sids.size) add((await repo.find({ where: { directory, objectSid: In([...sids]) } })).map(toGroup));
    if (dns.size) add(await this.groupsByDn(directory, [...dns]));
    if (names.size) {
      const byName = (await repo.createQueryBuilder('g').where('g.directory = :directory AND lower(g.name) IN (:...names)', { directory, names: [...names] }).getMany()).map(toGroup);
      add(byName);
      const missing = [...names].filter((n) => !byName.some((g) => g.name.toLowerCase() === n));
      if (missing.length) {
        const patterns = missing.map((n) => `${likeEscape(normalizeDn(`cn=${escapeDnValue(n)}`))},%`);
        const rows: Array<{ dn: string }> = await this.ds.query(
          `SELECT dn_norm AS dn FROM directory_group WHERE directory = $1 AND (${patterns.map((_, i) => `dn_norm LIKE $${i + 2} ESCAPE '!'`).join(' OR ')})`,
          [directory, ...patterns],
        );
        add(await this.groupsByDn(directory, rows.map((r) => r.dn)));
      }
    }
    return [...found.values()];
  }

  private async groupsByDn(directory: string, dns: string[]): Promise<GroupRecord[]> {
    const out: GroupRecord[] = [];
    for (let i = 0; i < dns.length; i += CHUNK) {
      const rows = await this.ds.getRepository(DirectoryGroupEntity).find({ where: { directory, dnNorm: In(dns.slice(i, i + CHUNK)) } });
      out.push(...rows.map(toGroup));
    }
    return out.sort((a, b) => (a.dnNorm < b.dnNorm ? -1 : a.dnNorm > b.dnNorm ? 1 : 0));
  }

  private async accountsByDn(directory: string, dns: string[]): Promise<AccountRecord[]> {
    const out: AccountRecord[] = [];
    for (let i = 0; i < dns.length; i += CHUNK) {
      out.push(...(await this.ds.getRepository(AccountEntity).find({ where: { directory, dnNorm: In(dns.slice(i, i + CHUNK)) } })).map(toAccount));
    }
    return out;
  }

  /** Accounts whose AD primary group (never listed in `member`) is one of these groups. */
  private async accountsWithPrimaryGroup(directory: string, groups: GroupRecord[]): Promise<AccountRecord[]> {
    const out: AccountRecord[] = [];
    for (const g of groups) {
      const rid = domainRidOf(g.objectSid);
      if (rid === null) continue;
      const domain = g.objectSid!.slice(0, g.objectSid!.lastIndexOf('-'));
      const rows = await this.ds
        .getRepository(AccountEntity)
        .createQueryBuilder('a')
        .where('a.directory = :directory AND a.primary_group_id = :rid AND upper(a.object_sid) LIKE :domain', { directory, rid, domain: `${domain.toUpperCase()}-%` })
        .getMany();
      out.push(...rows.map(toAccount));
    }
    return out;
  }

  private snapshot(directory: string, accounts: AccountRecord[], groups: GroupRecord[], memberships: MembershipRecord[]): DirectorySnapshot {
    return { directory, syncRunId: null, syncedAt: null, accounts, groups, memberships, objects: [] };
  }
}

function toGroup({ syncRunId: _run, ...g }: DirectoryGroupEntity): GroupRecord {
  return { ...g, scope: g.scope as GroupRecord['scope'] };
}

function toAccount({ syncRunId: _run, ...a }: AccountEntity): AccountRecord {
  return { ...a, kind: a.kind as AccountKind };
}

/** The domain naming context of a normalised DN: its trailing dc= components. */
function domainOf(dnNorm: string): string {
  const match = /(?:^|,)(dc=[^,]+(?:,dc=[^,]+)*)$/.exec(dnNorm);
  return match ? match[1] : '';
}

function likeEscape(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
