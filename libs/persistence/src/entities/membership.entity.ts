import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Direct membership only; effective membership (nesting, primary group) is computed, never stored here.
 * Keyed group first: a sync writes a group's members together, in key order. The index by member serves
 * the explanations (`vigie explain`, the access API walk upwards from an account: without it each walk
 * scans the table, seconds at 500k rows); a first snapshot drops it while it bulk-writes and builds it
 * again once at the end, which costs far less than keeping it up to date row by row.
 */
@Entity('membership')
@Index('IDX_membership_member', ['directory', 'memberDnNorm'])
export class MembershipEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  directory: string;

  @PrimaryColumn({ name: 'group_dn_norm', type: 'text', collation: 'C' })
  groupDnNorm: string;

  @PrimaryColumn({ name: 'member_dn_norm', type: 'text', collation: 'C' })
  memberDnNorm: string;
}
