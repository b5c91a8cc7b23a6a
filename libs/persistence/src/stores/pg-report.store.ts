import { type ReportFormat, type ReportLang, ReportStore, type ReportTrigger, type StoredReport } from '#vigie/reporting';
import type { SqlClient } from '../sql-client.js';

const COLUMNS = 'id, created_at, created_by, trigger, period_from, period_to, format, lang, sha256, byte_size, file_name';

interface ReportRow {
  id: string;
  created_at: Date | string;
  created_by: string;
  trigger: string;
  period_from: Date | string;
  period_to: Date | string;
  format: string;
  lang: string;
  sha256: string;
  byte_size: number;
  file_name: string;
  content?: Buffer | Uint8Array;
}

function toReport(r: ReportRow): StoredReport {
  return {
    id: r.id,
    createdAt: new Date(r.created_at),
    createdBy: r.created_by,
    trigger: r.trigger as ReportTrigger,
    periodFrom: new Date(r.period_from),
    periodTo: new Date(r.period_to),
    format: r.format as ReportFormat,
    lang: r.lang as ReportLang,
    sha256: r.sha256.trim(),
    byteSize: r.byte_size,
    fileName: r.file_name,
  };
}

/** The stored compliance reports (table `report`), their bytes in a bytea column. */
export class PgReportStore extends ReportStore {
  constructor(private readonly db: SqlClient) {
    super();
  }

  async save(r: StoredReport, content: Buffer, subjects: string[]): Promise<void> {
    await this.db.query(`INSERT INTO report (${COLUMNS}, content, subjects) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, [
      r.id,
      r.createdAt,
      r.createdBy,
      r.trigger,
      r.periodFrom,
      r.periodTo,
      r.format,
      r.lang,
      r.sha256,
      r.byteSize,
      r.fileName,
      content,
      subjects,
    ]);
  }

  async list(page: { limit: number; offset: number }): Promise<{ reports: StoredReport[]; total: number }> {
    const [rows, counted]: [ReportRow[], Array<{ n: number }>] = await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM report ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2`, [page.limit, page.offset]),
      this.db.query(`SELECT count(*)::int AS n FROM report`),
    ]);
    return { reports: rows.map(toReport), total: counted[0]?.n ?? 0 };
  }

  async content(id: string): Promise<{ report: StoredReport; content: Buffer } | null> {
    const rows: ReportRow[] = await this.db.query(`SELECT ${COLUMNS}, content FROM report WHERE id = $1`, [id]);
    const r = rows[0];
    return r ? { report: toReport(r), content: Buffer.from(r.content!) } : null;
  }
}
