import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type SyncMode, type SyncRunRecord, SyncRunStore, type SyncStats } from '#vigie/identity';
import { SyncRunEntity } from '../entities/sync-run.entity.js';

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

  async latest(directory: string): Promise<SyncRunRecord | null> {
    const row = await this.ds.getRepository(SyncRunEntity).findOne({ where: { directory }, order: { startedAt: 'DESC' } });
    return row ? { ...row, mode: row.mode as SyncMode, status: row.status as SyncRunRecord['status'] } : null;
  }
}
