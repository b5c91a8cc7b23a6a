import { Global, Logger, Module } from '@nestjs/common';
import { ApiTokenService } from '#vigie/access-control';
import { AuditService, FindingsQueryService } from '#vigie/audit';
import { AppConfig } from '#vigie/config';
import { DefaultDirectoryReader, DirectoryReader } from '#vigie/directory';
import { SyncService } from '#vigie/identity';
import { DirectoryPolicySource, LastValidPolicySource, PolicySource, PolicyStore } from '#vigie/policy';

/**
 * The use cases shared by the api, the worker and the cli, wired to their ports. Storage adapters
 * come from PersistenceModule; the directory and policy adapters are bound here.
 */
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

@Global()
@Module({
  providers: [
    { provide: DirectoryReader, useClass: DefaultDirectoryReader },
    { provide: PolicySource, useFactory: policySource, inject: [AppConfig, PolicyStore] },
    SyncService,
    AuditService,
    FindingsQueryService,
    ApiTokenService,
  ],
  exports: [DirectoryReader, PolicySource, SyncService, AuditService, FindingsQueryService, ApiTokenService],
})
export class ApplicationModule {}
