import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** People's web sessions: only a SHA-256 of the cookie is stored, so a leaked table opens no session. */
@Entity('staff_session')
@Index('IDX_staff_session_open_subject', ['subject'], { where: '"ended_at" IS NULL' })
export class StaffSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true })
  tokenHash: string;

  /** `directory:<name>:<dn>`, `oidc:<issuer>#<sub>` or `break-glass:<login>`: personal data (see the registry). */
  @Column({ type: 'varchar', length: 2048 })
  subject: string;

  @Column({ type: 'varchar', length: 16 })
  method: string;

  @Column({ name: 'display_name', type: 'varchar', length: 512 })
  displayName: string;

  @Column({ type: 'jsonb' })
  roles: string[];

  /** The directory, DN and login of the person, for conditions on their own records and the role refresh. */
  @Column({ type: 'jsonb', nullable: true })
  person: Record<string, unknown> | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'roles_checked_at', type: 'timestamptz' })
  rolesCheckedAt: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 32, nullable: true })
  endReason: string | null;
}
