import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A generated compliance report, kept for download (docs/reports.md). */
@Entity('report')
@Index('IDX_report_created', ['createdAt', 'id'])
@Index('IDX_report_subjects', { synchronize: false })
export class ReportEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy: string;

  @Column({ type: 'varchar', length: 16 })
  trigger: string;

  @Column({ name: 'period_from', type: 'timestamptz' })
  periodFrom: Date;

  @Column({ name: 'period_to', type: 'timestamptz' })
  periodTo: Date;

  @Column({ type: 'varchar', length: 8 })
  format: string;

  @Column({ type: 'varchar', length: 8 })
  lang: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize: number;

  @Column({ name: 'file_name', type: 'text' })
  fileName: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  /** Who the report names, lower-cased: what erasing a person looks up (GIN index IDX_report_subjects, migration). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  subjects: string[];
}
