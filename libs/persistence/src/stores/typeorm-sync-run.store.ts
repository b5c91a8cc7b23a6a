import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type SyncMode, type SyncRunRecord, SyncRunStore, type SyncState, type SyncStats } from '#vigie/identity';
import { SyncRunEntity } from '../entities/sync-run.entity.js';
import { SyncStateEntity } from '../entities/sync-state.entity.js';

@Injectable()
export class TypeormSyncRunStore extends SyncRunStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async start(directory: string, mode: SyncMode): Promise<string> {
    const row = await this.ds.getRepository(SyncRunEntity).save({ directory, mode, status: 'running', stats: {} });
    return row.id;
  }

  async succeed(id: string, stats: SyncStats): Promise<void> {
    await this.ds.getRepository(SyncRunEntity).update({ id }, { status: 'succeeded', finishedAt: new Date(), stats: { ...stats } });
  }

  async fail(id: string, reason: string, stats: Partial<SyncStats>): Promise<void> {
    await this.ds.getRepository(SyncRunEntity).update({ id }, { status: 'failed', finishedAt: new Date(), error: reason, stats: { ...stats } as Record<string, number> });
  }

  async abandonRunning(directory: string, reason: string): Promise<number> {
    const result = await this.ds.getRepository(SyncRunEntity).update({ directory, status: 'running' }, { status: 'failed', finishedAt: new Date(), error: reason });
    return result.affected ?? 0;
  }

  async latest(directory: string): Promise<SyncRunRecord | null> {
    const row = await this.ds.getRepository(SyncRunEntity).findOne({ where: { directory }, order: { startedAt: 'DESC' } });
    return row ? toRecord(row) : null;
  }

  async get(id: string): Promise<SyncRunRecord | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    const row = await this.ds.getRepository(SyncRunEntity).findOne({ where: { id } });
    return row ? toRecord(row) : null;
  }

  async list(options: { directory?: string; limit?: number } = {}): Promise<SyncRunRecord[]> {
    const rows = await this.ds.getRepository(SyncRunEntity).find({
      where: options.directory ? { directory: options.directory } : {},
      order: { startedAt: 'DESC' },
      take: Math.min(Math.max(options.limit ?? 50, 1), 1000),
    });
    return rows.map(toRecord);
  }

  async state(directory: string): Promise<SyncState | null> {
    const row = await this.ds.getRepository(SyncStateEntity).findOne({ where: { directory } });
    return row ? { ...row } : null;
  }
}

function toRecord(row: SyncRunEntity): SyncRunRecord {
  return { ...row, mode: row.mode as SyncMode, status: row.status as SyncRunRecord['status'] };
}
