import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Direct membership only; effective membership (nesting, primary group) is computed, never stored here.
 * Keyed group first: a sync writes a group's members together, in key order. No index by member: it
 * made writing a 500k-membership picture four times slower, and the sync looks members up only
 * after a move or a deletion (one scan).
 */
@Entity('membership')
export class MembershipEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  directory: string;

  @PrimaryColumn({ name: 'group_dn_norm', type: 'text', collation: 'C' })
  groupDnNorm: string;

  @PrimaryColumn({ name: 'member_dn_norm', type: 'text', collation: 'C' })
  memberDnNorm: string;

  @Column({ name: 'sync_run_id', type: 'uuid' })
  syncRunId: string;
}
