import { Global, Module } from '@nestjs/common';
import { ApiTokenService } from '#vigie/access-control';
import { AuditService, FindingsQueryService } from '#vigie/audit';
import { AppConfig } from '#vigie/config';
import { DefaultDirectoryReader, DirectoryReader } from '#vigie/directory';
import { SyncService } from '#vigie/identity';
import { DirectoryPolicySource, PolicySource } from '#vigie/policy';
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
    SyncService,
    AuditService,
    FindingsQueryService,
    ApiTokenService,
    ...TRAIL_PROVIDERS,
  ],
  exports: [DirectoryReader, PolicySource, SyncService, AuditService, FindingsQueryService, ApiTokenService, ...TRAIL_EXPORTS],
})
export class ApplicationModule {}
