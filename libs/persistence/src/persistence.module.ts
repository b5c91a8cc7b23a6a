import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccessSliceStore } from '#vigie/access';
import { ApiTokenStore } from '#vigie/access-control';
import { FindingStore } from '#vigie/audit';
import { AppConfig } from '#vigie/config';
import { SnapshotStore, SyncChangeStore, SyncRunStore } from '#vigie/identity';
import { PolicyStore } from '#vigie/policy';
import { PersonalDataStore } from '#vigie/gdpr';
import { TrailStore } from '#vigie/trail';
import { openDataSource } from './data-source.factory.js';
import { AdvisoryJobLock, InProcessJobLock, JobLock } from './job-lock.js';
import { TypeormAccessSliceStore } from './stores/typeorm-access-slice.store.js';
import { TypeormApiTokenStore } from './stores/typeorm-api-token.store.js';
import { TypeormFindingStore } from './stores/typeorm-finding.store.js';
import { TypeormPolicyStore } from './stores/typeorm-policy.store.js';
import { TypeormSnapshotStore } from './stores/typeorm-snapshot.store.js';
import { TypeormSyncChangeStore } from './stores/typeorm-sync-change.store.js';
import { TypeormSyncRunStore } from './stores/typeorm-sync-run.store.js';
import { TypeormPersonalDataStore } from './stores/typeorm-personal-data.store.js';
import { TypeormTrailStore } from './stores/typeorm-trail.store.js';
import { PgSqlClient } from './pg/pg-sql-client.js';
import type { SqlClient } from './sql-client.js';

/**
 * What the sync's and the trail's stores run on. On PostgreSQL, a plain pg pool of its own, as `vigie sync` uses:
 * COPY for bulk writes, a first picture written while it is read, a sync's trail entries chained beside its commit
 * (TypeORM's connection offers none of these). On PGlite, the DataSource, whose single connection cannot hold a
 * transaction open beside other statements.
 */
export const STORE_SQL_CLIENT = Symbol('STORE_SQL_CLIENT');

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(STORE_SQL_CLIENT) private readonly client: SqlClient,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.client instanceof PgSqlClient) await this.client.close();
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

/** The PostgreSQL adapters of every port that needs storage. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(): DynamicModule {
    const stores = [
      // The sync's stores take any SqlClient (they also run without TypeORM in `vigie sync`).
      { provide: SnapshotStore, useFactory: (db: SqlClient) => new TypeormSnapshotStore(db, new Logger(TypeormSnapshotStore.name)), inject: [STORE_SQL_CLIENT] },
      { provide: SyncRunStore, useFactory: (db: SqlClient) => new TypeormSyncRunStore(db), inject: [STORE_SQL_CLIENT] },
      { provide: SyncChangeStore, useClass: TypeormSyncChangeStore },
      { provide: FindingStore, useClass: TypeormFindingStore },
      { provide: ApiTokenStore, useClass: TypeormApiTokenStore },
      { provide: PolicyStore, useClass: TypeormPolicyStore },
      { provide: TrailStore, useFactory: (db: SqlClient) => new TypeormTrailStore(db), inject: [STORE_SQL_CLIENT] },
      { provide: PersonalDataStore, useClass: TypeormPersonalDataStore },
      { provide: AccessSliceStore, useClass: TypeormAccessSliceStore },
    ];
    return {
      module: PersistenceModule,
      providers: [
        { provide: DataSource, useFactory: (cfg: AppConfig) => openDataSource(cfg.value.database), inject: [AppConfig] },
        // Opened once the DataSource has applied the migrations.
        {
          provide: STORE_SQL_CLIENT,
          useFactory: (cfg: AppConfig, ds: DataSource): Promise<SqlClient> | SqlClient => (cfg.value.database.url ? PgSqlClient.connect(cfg.value.database) : ds),
          inject: [AppConfig, DataSource],
        },
        {
          provide: JobLock,
          useFactory: (cfg: AppConfig, ds: DataSource) => (cfg.value.database.url ? new AdvisoryJobLock(ds) : new InProcessJobLock()),
          inject: [AppConfig, DataSource],
        },
        DataSourceCloser,
        ...stores,
      ],
      exports: [DataSource, JobLock, ...stores.map((s) => s.provide)],
    };
  }
}
