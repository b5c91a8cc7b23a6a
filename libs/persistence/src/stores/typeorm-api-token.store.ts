import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { type ApiTokenRecord, ApiTokenStore, type StaffRole } from '#vigie/access-control';
import { ApiTokenEntity } from '../entities/api-token.entity.js';

@Injectable()
export class TypeormApiTokenStore extends ApiTokenStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async insert(token: { name: string; role: string; tokenHash: string; expiresAt: Date | null }): Promise<ApiTokenRecord> {
    return toRecord(await this.ds.getRepository(ApiTokenEntity).save({ ...token }));
  }

  async findByHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    const row = await this.ds.getRepository(ApiTokenEntity).findOne({ where: { tokenHash } });
    return row ? toRecord(row) : null;
  }

  async list(): Promise<ApiTokenRecord[]> {
    return (await this.ds.getRepository(ApiTokenEntity).find({ order: { createdAt: 'ASC' } })).map(toRecord);
  }

  async revoke(id: string): Promise<boolean> {
    const res = await this.ds.getRepository(ApiTokenEntity).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (res.affected ?? 0) > 0;
  }
}

function toRecord(row: ApiTokenEntity): ApiTokenRecord {
  return { id: row.id, name: row.name, role: row.role as StaffRole, createdAt: row.createdAt, expiresAt: row.expiresAt, revokedAt: row.revokedAt };
}
