import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The pseudonym map of erased people: a keyed digest (HMAC under the pseudonym key) of each employee id and login an
 * erasure was asked for or found, so that a later export or erasure can say "erased on ..." without keeping the
 * identifier itself.
 */
@Entity('gdpr_erasure')
@Index('IDX_gdpr_erasure_pseudonym', ['pseudonym'])
export class GdprErasureEntity {
  @PrimaryColumn({ type: 'character', length: 64, primaryKeyConstraintName: 'PK_gdpr_erasure_digest' })
  digest: string;

  @Column({ type: 'varchar', length: 64 })
  pseudonym: string;

  @Column({ name: 'erased_at', type: 'timestamptz' })
  erasedAt: Date;

  @Column({ type: 'boolean' })
  forced: boolean;
}
