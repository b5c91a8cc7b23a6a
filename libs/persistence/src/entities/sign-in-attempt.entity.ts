import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed sign-ins counted per source address, per account (a keyed hash of its login, never the login) or all together,
 * in fixed windows: one row per key and window, changed by single atomic statements so that replicas count together.
 */
@Entity('sign_in_attempt')
@Index('IDX_sign_in_attempt_window_end', ['windowEnd'])
export class SignInAttemptEntity {
  /** source, account or all. */
  @PrimaryColumn({ type: 'varchar', length: 8 })
  scope: string;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  key: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz' })
  windowStart: Date;

  @Column({ name: 'window_end', type: 'timestamptz' })
  windowEnd: Date;

  @Column({ type: 'integer', default: 0 })
  failures: number;

  /** The failures the trail has been told of. */
  @Column({ type: 'integer', default: 0 })
  reported: number;

  @Column({ name: 'first_failure_at', type: 'timestamptz', nullable: true })
  firstFailureAt: Date | null;

  @Column({ name: 'last_failure_at', type: 'timestamptz', nullable: true })
  lastFailureAt: Date | null;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'wait_until', type: 'timestamptz', nullable: true })
  waitUntil: Date | null;

  /** The security officer was alerted for this key and window. */
  @Column({ type: 'boolean', default: false })
  alerted: boolean;
}
