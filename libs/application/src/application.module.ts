import { Global, Logger, Module } from '@nestjs/common';
import { EffectiveAccessService } from '#vigie/access';
import { ApiTokenService } from '#vigie/access-control';
import { AlertService } from '#vigie/alerts';
import { AuditService, FindingDecisionService, FindingsQueryService } from '#vigie/audit';
import { AppConfig } from '#vigie/config';
import { DefaultDirectoryReader, DirectoryReader } from '#vigie/directory';
import { HrSource, RosterFileSource } from '#vigie/hr';
import { SnapshotStore, SyncRunStore, SyncService } from '#vigie/identity';
import { TrailWriter } from '#vigie/trail';
import { DirectoryPolicySource, LastValidPolicySource, PolicySource, PolicyStore } from '#vigie/policy';
import { alertingProviders } from './alerting.providers.js';
import { ComplianceAuditService } from './compliance-audit.service.js';
import { TRAIL_EXPORTS, TRAIL_PROVIDERS } from './trail.providers.js';

/**
 * The configured policy directory, with the last valid version (stored in the database, shared by the replicas) kept
 * in force when the directory becomes invalid; `policy.keepLastValid: false` (and `vigie audit --policies`) load the
 * directory as it is, so an invalid one fails the audit.
 */
function policySource(cfg: AppConfig, store: PolicyStore): PolicySource {
  const { dir, keepLastValid } = cfg.value.policy;
  if (!keepLastValid) return new DirectoryPolicySource(dir);
  const logger = new Logger('PolicySource');
  return new LastValidPolicySource(dir, store, {
    onFallback: ({ source, reason, version, lastValidAt }) =>
      logger.error({ msg: 'the policy directory is invalid: auditing with the last valid version', source, version, lastValidAt, errors: reason.split('\n') }),
  });
}

/**
 * The use cases shared by the api, the worker and the cli, wired to their ports. Storage adapters
 * come from PersistenceModule; the directory and policy adapters are bound here.
 */
@Global()
@Module({
  providers: [
    { provide: DirectoryReader, useClass: DefaultDirectoryReader },
    { provide: PolicySource, useFactory: policySource, inject: [AppConfig, PolicyStore] },
    { provide: HrSource, useFactory: (cfg: AppConfig) => new RosterFileSource(cfg.value.hr.rosterFile), inject: [AppConfig] },
    {
      provide: SyncService,
      useFactory: (reader: DirectoryReader, snapshots: SnapshotStore, runs: SyncRunStore, trail: TrailWriter) =>
        new SyncService(reader, snapshots, runs, trail, new Logger(SyncService.name)),
      inject: [DirectoryReader, SnapshotStore, SyncRunStore, TrailWriter],
    },
    AuditService,
    FindingsQueryService,
    FindingDecisionService,
    ApiTokenService,
    EffectiveAccessService,
    ...alertingProviders,
    ComplianceAuditService,
    ...TRAIL_PROVIDERS,
  ],
  exports: [DirectoryReader, PolicySource, HrSource, SyncService, AuditService, FindingsQueryService, FindingDecisionService, ApiTokenService, EffectiveAccessService, AlertService, ComplianceAuditService, ...TRAIL_EXPORTS],
})
export class ApplicationModule {}
