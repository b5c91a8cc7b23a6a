import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type PolicyIssue, type PolicyLoadFailure, PolicyStore, type StoredPolicy } from '#vigie/policy';
import { PolicyLoadFailureEntity } from '../entities/policy-load-failure.entity.js';
import { PolicyVersionEntity } from '../entities/policy-version.entity.js';

@Injectable()
export class TypeormPolicyStore extends PolicyStore {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async saveValid(policy: { version: string; source: string; files: StoredPolicy['files'] }, at: Date): Promise<void> {
    const files = policy.files.map(({ path, bytes }) => ({ path, base64: Buffer.from(bytes).toString('base64') }));
    // Replicas store the same version concurrently: one row per version, whose last_valid_at only moves forward.
    await this.ds.query(
      `INSERT INTO "policy_version" ("version", "source", "files", "first_stored_at", "last_valid_at") VALUES ($1, $2, $3, $4, $4)
       ON CONFLICT ("version") DO UPDATE SET
         "source" = CASE WHEN EXCLUDED."last_valid_at" >= "policy_version"."last_valid_at" THEN EXCLUDED."source" ELSE "policy_version"."source" END,
         "last_valid_at" = GREATEST("policy_version"."last_valid_at", EXCLUDED."last_valid_at")`,
      [policy.version, policy.source, JSON.stringify(files), at],
    );
  }

  async lastValid(): Promise<StoredPolicy | null> {
    const row = await this.ds.getRepository(PolicyVersionEntity).findOne({ where: {}, order: { lastValidAt: 'DESC' } });
    if (!row) return null;
    return {
      version: row.version,
      source: row.source,
      files: row.files.map(({ path, base64 }) => ({ path, bytes: new Uint8Array(Buffer.from(base64, 'base64')) })),
      firstStoredAt: row.firstStoredAt,
      lastValidAt: row.lastValidAt,
    };
  }

  async recordFailure(failure: PolicyLoadFailure): Promise<void> {
    await this.ds.getRepository(PolicyLoadFailureEntity).insert({ ...failure, errors: failure.errors });
  }

  async lastFailure(): Promise<PolicyLoadFailure | null> {
    const row = await this.ds.getRepository(PolicyLoadFailureEntity).findOne({ where: {}, order: { at: 'DESC' } });
    return row ? { at: row.at, source: row.source, message: row.message, errors: row.errors as PolicyIssue[], fallbackVersion: row.fallbackVersion } : null;
  }
}
