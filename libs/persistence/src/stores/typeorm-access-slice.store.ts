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
    const rows: Array<{ directory: string }> = await this.ds.query(
      'SELECT directory FROM (SELECT DISTINCT directory FROM account UNION SELECT DISTINCT directory FROM directory_group) d ORDER BY directory',
    );
    return rows.map((r) => r.directory);
  }

  async findAccounts(query: { dnNorm: string | null; text: string }, directory?: string): Promise<AccountRecord[]> {
    const qb = this.ds.getRepository(AccountEntity).createQueryBuilder('a');
    const or = ['lower(a.login) = lower(:text)', 'a.employee_id = :text'];
    if (query.dnNorm) or.unshift('a.dn_norm = :dnNorm');
    qb.where(`(${or.join(' OR ')})`, { text: query.text, dnNorm: query.dnNorm });
    if (directory) qb.andWhere('a.directory = :directory', { directory });
    return (await qb.orderBy('a.directory').addOrderBy('a.dn_norm').getMany()).map(toAccount);
  }

  async above(directory: string, accounts: readonly AccountRecord[], everyoneRefs: readonly string[]): Promise<DirectorySnapshot> {
    const primarySids = accounts.flatMap((a) => (a.objectSid && a.primaryGroupId !== null ? [`${a.objectSid.slice(0, a.objectSid.lastIndexOf('-'))}-${a.primaryGroupId}`] : []));
    const seedGroups = await this.groupsNamed(directory, [...everyoneRefs, ...primarySids, 'S-1-1-0', 'S-1-5-11']);
    const implicitMembers: Array<{ dn: string }> = await this.ds.query(
      `SELECT DISTINCT member_dn_norm AS dn FROM membership WHERE directory = $1 AND (${IMPLICIT_FSP_PREFIXES.map((_, i) => `member_dn_norm LIKE $${i + 2}`).join(' OR ')})`,
      [directory, ...IMPLICIT_FSP_PREFIXES.map((p) => `${p}%`)],
    );
    const seeds = [...new Set([...accounts.map((a) => a.dnNorm), ...seedGroups.map((g) => g.dnNorm), ...implicitMembers.map((r) => r.dn)])];
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
    const [from, to] = direction === 'up' ? ['member_dn_norm', 'group_dn_norm'] : ['group_dn_norm', 'member_dn_norm'];
    const values = seeds.map((_, i) => `($${i + 2}::text)`).join(', ');
    // UNION (not UNION ALL) stops at nodes already met: cycles of nested groups end.
    const rows: Array<{ groupDnNorm: string; memberDnNorm: string }> = await this.ds.query(
      `WITH RECURSIVE reached(dn) AS (
         VALUES ${values}
         UNION
         SELECT m.${to} FROM membership m JOIN reached r ON m.${from} = r.dn WHERE m.directory = $1
       )
       SELECT m.group_dn_norm AS "groupDnNorm", m.member_dn_norm AS "memberDnNorm"
       FROM membership m WHERE m.directory = $1 AND m.${from} IN (SELECT dn FROM reached)`,
      [directory, ...seeds],
    );
    return rows;
  }

  /** Groups named by references as the policy writes them: names (sAMAccountName or cn), DNs, SIDs, well-known names. */
  private async groupsNamed(directory: string, refs: readonly string[]): Promise<GroupRecord[]> {
    const clauses: string[] = [];
    const params: unknown[] = [directory];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    for (const ref of new Set(refs)) {
      const sid = wellKnownSidOf(ref);
      if (sid) {
        clauses.push(`upper(object_sid) = ${param(sid)}`);
      } else if (ref.includes('=')) {
        try {
          clauses.push(`dn_norm = ${param(normalizeDn(ref))}`);
        } catch {
          // Not a DN after all: no group has it as name either (names have no "=" in the policy's sense).
        }
      } else {
        const rdn = normalizeDn(`cn=${escapeDnValue(ref.trim())}`);
        clauses.push(`lower(name) = lower(${param(ref.trim())})`, `dn_norm LIKE ${param(`${likeEscape(rdn)},%`)} ESCAPE '!'`);
      }
    }
    if (!clauses.length) return [];
    const rows: Array<{ dn: string }> = await this.ds.query(`SELECT dn_norm AS dn FROM directory_group WHERE directory = $1 AND (${clauses.join(' OR ')})`, params);
    return this.groupsByDn(directory, rows.map((r) => r.dn));
  }

  private async groupsByDn(directory: string, dns: string[]): Promise<GroupRecord[]> {
    const out: GroupRecord[] = [];
    for (let i = 0; i < dns.length; i += CHUNK) {
      const rows = await this.ds.getRepository(DirectoryGroupEntity).find({ where: { directory, dnNorm: In(dns.slice(i, i + CHUNK)) } });
      for (const { syncRunId: _run, ...g } of rows) out.push(g);
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
    return { directory, syncRunId: null, syncedAt: null, accounts, groups, memberships };
  }
}

function toAccount({ syncRunId: _run, ...a }: AccountEntity): AccountRecord {
  return { ...a, kind: a.kind as AccountKind };
}

function likeEscape(text: string): string {
  return text.replace(/[!%_]/g, (c) => `!${c}`);
}
