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

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
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
      { provide: SnapshotStore, useFactory: (ds: DataSource) => new TypeormSnapshotStore(ds, new Logger(TypeormSnapshotStore.name)), inject: [DataSource] },
      { provide: SyncRunStore, useFactory: (ds: DataSource) => new TypeormSyncRunStore(ds), inject: [DataSource] },
      { provide: SyncChangeStore, useClass: TypeormSyncChangeStore },
      { provide: FindingStore, useClass: TypeormFindingStore },
      { provide: ApiTokenStore, useClass: TypeormApiTokenStore },
      { provide: PolicyStore, useClass: TypeormPolicyStore },
      { provide: TrailStore, useFactory: (ds: DataSource) => new TypeormTrailStore(ds), inject: [DataSource] },
      { provide: PersonalDataStore, useClass: TypeormPersonalDataStore },
      { provide: AccessSliceStore, useClass: TypeormAccessSliceStore },
    ];
    return {
      module: PersistenceModule,
      providers: [
        { provide: DataSource, useFactory: (cfg: AppConfig) => openDataSource(cfg.value.database), inject: [AppConfig] },
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
