import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type AuditRunRecord, type Finding, type FindingFilter, FindingStore, type Page, type Severity, severityRank } from '#vigie/audit';
import { AuditRunEntity } from '../entities/audit-run.entity.js';
import { FindingEntity } from '../entities/finding.entity.js';
import { insertInChunks } from './chunked-insert.js';

@Injectable()
export class TypeormFindingStore extends FindingStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async startRun(asOf: Date): Promise<string> {
    const row = await this.ds.getRepository(AuditRunEntity).save({ status: 'running', asOf, counts: {} });
    return row.id;
  }

  async completeRun(id: string, policyVersion: string, findings: Finding[], counts: Record<string, number>): Promise<void> {
    await this.ds.transaction(async (m) => {
      await insertInChunks(
        m,
        FindingEntity,
        findings.map((f) => ({
          auditRunId: id,
          id: f.id,
          rule: f.rule,
          severity: f.severity,
          severityRank: severityRank(f.severity),
          directory: f.subject.directory,
          login: f.subject.login,
          subject: { ...f.subject },
          resource: f.resource ? { ...f.resource } : null,
          message: f.message,
          evidence: f.evidence,
          explain: f.explain,
        })),
      );
      await m.update(AuditRunEntity, { id }, { status: 'succeeded', finishedAt: new Date(), policyVersion, counts });
    });
  }

  async failRun(id: string, reason: string): Promise<void> {
    await this.ds.getRepository(AuditRunEntity).update({ id }, { status: 'failed', finishedAt: new Date(), error: reason });
  }

  async latestRun(): Promise<AuditRunRecord | null> {
    const row = await this.ds.getRepository(AuditRunEntity).findOne({ where: { status: 'succeeded' }, order: { finishedAt: 'DESC' } });
    return row ? { ...row, status: 'succeeded' } : null;
  }

  async query(runId: string, filter: FindingFilter, page: Page): Promise<{ total: number; findings: Finding[] }> {
    const qb = this.ds.getRepository(FindingEntity).createQueryBuilder('f').where('f.audit_run_id = :runId', { runId });
    // IN (:...list) rather than = ANY(:list): PGlite serialises array parameters wrongly.
    if (filter.rule?.length) qb.andWhere('f.rule IN (:...rules)', { rules: filter.rule });
    if (filter.severity?.length) qb.andWhere('f.severity IN (:...severities)', { severities: filter.severity });
    if (filter.directory) qb.andWhere('f.directory = :directory', { directory: filter.directory });
    if (filter.login) qb.andWhere('lower(f.login) = lower(:login)', { login: filter.login });
    const total = await qb.getCount();
    const rows = await qb.orderBy('f.severity_rank', 'ASC').addOrderBy('f.rule', 'ASC').addOrderBy('f.login', 'ASC').addOrderBy('f.id', 'ASC').limit(page.limit).offset(page.offset).getMany();
    return {
      total,
      findings: rows.map((r) => ({
        id: r.id,
        rule: r.rule,
        severity: r.severity as Severity,
        subject: r.subject as unknown as Finding['subject'],
        resource: r.resource as unknown as Finding['resource'],
        message: r.message,
        evidence: r.evidence,
        explain: r.explain,
      })),
    };
  }
}
