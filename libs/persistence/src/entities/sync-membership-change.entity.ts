import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SyncRunEntity } from './sync-run.entity.js';

/** A direct membership added or removed, as one sync run found it. */
@Entity('sync_membership_change')
@Index('IDX_sync_membership_change_group', ['directory', 'groupGuid'])
// The desk finds the membership changes of a group or member (DeskLookupIndexes migration).
@Index('IDX_sync_membership_change_member_norm', { synchronize: false })
@Index('IDX_sync_membership_change_group_norm', { synchronize: false })
@Index('IDX_sync_membership_change_member_name', { synchronize: false })
@Index('IDX_sync_membership_change_group_name', { synchronize: false })
export class SyncMembershipChangeEntity {
  @PrimaryColumn({ name: 'sync_run_id', type: 'uuid' })
  syncRunId: string;

  @PrimaryColumn({ type: 'integer' })
  seq: number;

  @ManyToOne(() => SyncRunEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sync_run_id' })
  syncRun?: SyncRunEntity;

  @Column({ type: 'varchar', length: 64 })
  directory: string;

  @Column({ type: 'varchar', length: 16 })
  action: string;

  @Column({ name: 'group_dn', type: 'text' })
  groupDn: string;

  /** normalizeDn(groupDn), to filter by group. */
  @Column({ name: 'group_dn_norm', type: 'text', collation: 'C' })
  groupDnNorm: string;

  @Column({ name: 'group_name', type: 'text', nullable: true })
  groupName: string | null;

  @Column({ name: 'group_guid', type: 'uuid', nullable: true })
  groupGuid: string | null;

  @Column({ name: 'member_dn', type: 'text' })
  memberDn: string;

  /** normalizeDn(memberDn): lets G-PRIV-CHANGE keep only the additions whose link still stands. Null on rows written before it. */
  @Column({ name: 'member_dn_norm', type: 'text', collation: 'C', nullable: true })
  memberDnNorm: string | null;

  @Column({ name: 'member_name', type: 'text', nullable: true })
  memberName: string | null;

  @Column({ name: 'member_guid', type: 'uuid', nullable: true })
  memberGuid: string | null;

  /** null: the member names no synchronised object. */
  @Column({ name: 'member_type', type: 'varchar', length: 32, nullable: true })
  memberType: string | null;
}
