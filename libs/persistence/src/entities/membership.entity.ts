import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Direct membership only; effective membership (nesting, primary group) is computed, never stored here. */
@Entity('membership')
@Index('IDX_membership_member', ['directory', 'memberDnNorm'])
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
