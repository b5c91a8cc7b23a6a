import { Global, Module } from '@nestjs/common';
import { ApiTokenService } from '#vigie/access-control';
import { AlertService } from '#vigie/alerts';
import { AuditService, FindingDecisionService, FindingsQueryService } from '#vigie/audit';
import { AppConfig } from '#vigie/config';
import { DefaultDirectoryReader, DirectoryReader } from '#vigie/directory';
import { HrSource, RosterFileSource } from '#vigie/hr';
import { SyncService } from '#vigie/identity';
import { DirectoryPolicySource, PolicySource } from '#vigie/policy';
import { alertingProviders } from './alerting.providers.js';
import { ComplianceAuditService } from './compliance-audit.service.js';
import { TRAIL_EXPORTS, TRAIL_PROVIDERS } from './trail.providers.js';

/**
 * The use cases shared by the api, the worker and the cli, wired to their ports. Storage adapters
 * come from PersistenceModule; the directory and policy adapters are bound here.
 */
@Global()
@Module({
  providers: [
    { provide: DirectoryReader, useClass: DefaultDirectoryReader },
    { provide: PolicySource, useFactory: (cfg: AppConfig) => new DirectoryPolicySource(cfg.value.policy.dir), inject: [AppConfig] },
    { provide: HrSource, useFactory: (cfg: AppConfig) => new RosterFileSource(cfg.value.hr.rosterFile), inject: [AppConfig] },
    SyncService,
    AuditService,
    FindingsQueryService,
    FindingDecisionService,
    ApiTokenService,
    ...alertingProviders,
    ComplianceAuditService,
    ...TRAIL_PROVIDERS,
  ],
  exports: [DirectoryReader, PolicySource, HrSource, SyncService, AuditService, FindingsQueryService, FindingDecisionService, ApiTokenService, AlertService, ComplianceAuditService, ...TRAIL_EXPORTS],
})
export class ApplicationModule {}
