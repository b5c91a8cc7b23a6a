import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A file of a stored policy version; base64 keeps the exact bytes, so the version hash can be checked again. */
export interface StoredPolicyFile {
  path: string;
  base64: string;
}

/** Each policy version that loaded valid, with its files: the fallback of every replica when the directory breaks. */
@Entity('policy_version')
@Index('IDX_policy_version_last_valid', ['lastValidAt'])
export class PolicyVersionEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  version: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'jsonb' })
  files: StoredPolicyFile[];

  @Column({ name: 'first_stored_at', type: 'timestamptz' })
  firstStoredAt: Date;

  @Column({ name: 'last_valid_at', type: 'timestamptz' })
  lastValidAt: Date;
}
