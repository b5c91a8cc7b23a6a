import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import {
  type AuditRunRecord,
  type Finding,
  type FindingDecision,
  FindingNotFoundError,
  type FindingFilter,
  type FindingState,
  type FindingStatus,
  FindingStore,
  type FindingWithState,
  type LifecyclePlan,
  type Page,
  type Severity,
  severityRank,
} from '#vigie/audit';
import { AuditRunEntity } from '../entities/audit-run.entity.js';
import { FindingEntity } from '../entities/finding.entity.js';
import { FindingStateEntity } from '../entities/finding-state.entity.js';
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

  async completeRun(
    id: string,
    policyVersion: string,
    findings: Finding[],
    counts: Record<string, number>,
    plan: (known: FindingState[]) => LifecyclePlan,
  ): Promise<LifecyclePlan> {
    return this.ds.transaction(async (m) => {
      // One run applies its lifecycle at a time, whichever replica or command started it.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('vigie:finding-lifecycle'))`);
      const known = (await m.find(FindingStateEntity)).map(toState);
      const lifecycle = plan(known);
      await insertInChunks(m, FindingEntity, findings.map((f) => toRow(id, f)));
      const changed = lifecycle.changes.filter((c) => c.transition !== 'still-open').map((c) => c.state);
      const touched = lifecycle.changes.filter((c) => c.transition === 'still-open').map((c) => c.state);
      await insertInChunks(m, FindingStateEntity, changed, { onConflict: { target: ['id'], update: STATE_COLUMNS } });
      // Still-open findings only move their last-seen time: one statement per slice, not one per finding.
      for (let i = 0; i < touched.length; i += 1000) {
        const ids = touched.slice(i, i + 1000).map((s) => s.id);
        await m.update(FindingStateEntity, { id: In(ids) }, { lastSeenAt: touched[0].lastSeenAt });
      }
      const allCounts = { ...counts, 'lifecycle:new': lifecycle.counts.new, 'lifecycle:reopened': lifecycle.counts.reopened, 'lifecycle:resolved': lifecycle.counts.resolved };
      await m.update(AuditRunEntity, { id }, { status: 'succeeded', finishedAt: new Date(), policyVersion, counts: allCounts });
      return lifecycle;
    });
  }

  async failRun(id: string, reason: string): Promise<void> {
    await this.ds.getRepository(AuditRunEntity).update({ id }, { status: 'failed', finishedAt: new Date(), error: reason });
  }

  async latestRun(): Promise<AuditRunRecord | null> {
    const row = await this.ds.getRepository(AuditRunEntity).findOne({ where: { status: 'succeeded' }, order: { finishedAt: 'DESC' } });
    return row ? { ...row, status: 'succeeded' } : null;
  }

  async query(runId: string, filter: FindingFilter, page: Page): Promise<{ total: number; findings: FindingWithState[] }> {
    const qb = this.ds
      .getRepository(FindingEntity)
      .createQueryBuilder('f')
      .innerJoin(FindingStateEntity, 's', 's.id = f.id')
      .where('f.audit_run_id = :runId', { runId });
    // IN (:...list) rather than = ANY(:list): PGlite serialises array parameters wrongly.
    if (filter.rule?.length) qb.andWhere('f.rule IN (:...rules)', { rules: filter.rule });
    if (filter.severity?.length) qb.andWhere('f.severity IN (:...severities)', { severities: filter.severity });
    if (filter.status?.length) qb.andWhere('s.status IN (:...statuses)', { statuses: filter.status });
    if (filter.directory) qb.andWhere('f.directory = :directory', { directory: filter.directory });
    if (filter.login) qb.andWhere('lower(f.login) = lower(:login)', { login: filter.login });
    const total = await qb.getCount();
    const rows = await qb.orderBy('f.severity_rank', 'ASC').addOrderBy('f.rule', 'ASC').addOrderBy('f.login', 'ASC').addOrderBy('f.id', 'ASC').limit(page.limit).offset(page.offset).getMany();
    const states = rows.length ? await this.ds.getRepository(FindingStateEntity).find({ where: { id: In(rows.map((r) => r.id)) } }) : [];
    const stateById = new Map(states.map((st) => [st.id, st]));
    return {
      total,
      findings: rows.map((r) => {
        const st = stateById.get(r.id)!;
        return {
          id: r.id,
          rule: r.rule,
          severity: r.severity as Severity,
          subject: r.subject as unknown as Finding['subject'],
          resource: r.resource as unknown as Finding['resource'],
          message: r.message,
          evidence: r.evidence,
          explain: r.explain,
          state: {
            status: st.status as FindingStatus,
            firstSeenAt: st.firstSeenAt,
            lastSeenAt: st.lastSeenAt,
            reopenedCount: st.reopenedCount,
            decidedBy: st.decidedBy,
            decidedAt: st.decidedAt,
            reason: st.reason,
            acceptedUntil: st.acceptedUntil,
          },
        };
      }),
    };
  }

  async state(id: string): Promise<FindingState | null> {
    const row = await this.ds.getRepository(FindingStateEntity).findOne({ where: { id } });
    return row ? toState(row) : null;
  }

  async decide(id: string, d: FindingDecision): Promise<FindingState> {
    const repo = this.ds.getRepository(FindingStateEntity);
    const res = await repo.update({ id }, { status: d.status, decidedBy: d.by, decidedAt: d.at, reason: d.reason, acceptedUntil: d.acceptedUntil });
    if (!res.affected) throw new FindingNotFoundError(id);
    return toState((await repo.findOne({ where: { id } }))!);
  }
}

const STATE_COLUMNS = ['rule', 'severity', 'directory', 'login', 'status', 'first_seen_at', 'last_seen_at', 'resolved_at', 'reopened_count', 'decided_by', 'decided_at', 'reason', 'accepted_until'];

function toState(row: FindingStateEntity): FindingState {
  return { ...row, status: row.status as FindingStatus };
}

function toRow(auditRunId: string, f: Finding): Partial<FindingEntity> {
  return {
    auditRunId,
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
  };
}
