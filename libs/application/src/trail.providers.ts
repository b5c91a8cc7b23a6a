import { Injectable, Logger, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import { LogRetentionSource } from '#vigie/audit';
import { AppConfig } from '#vigie/config';
import { GdprService, PersonalDataStore } from '#vigie/gdpr';
import { SnapshotStore } from '#vigie/identity';
import { PolicySource } from '#vigie/policy';
import {
  ChainedTrailWriter,
  TrailCheckpointService,
  TrailExportService,
  TrailKeys,
  TrailPruneService,
  TrailQueryService,
  TrailStore,
  TrailVerifier,
  TrailWriter,
  checkLogRetention,
  openTrailKeys,
} from '#vigie/trail';

import { TrailLogRetentionSource } from './trail-log-retention.source.js';

const logger = new Logger('Trail');

/** Loads the trail keys once at boot and checks that this replica shares the pseudonym key of the trail. */
function trailKeysFactory(cfg: AppConfig, store: TrailStore): Promise<TrailKeys> {
  return openTrailKeys(cfg.value.trail, store, (file) => logger.warn({ msg: 'created a trail key on first start: back it up, and give every replica the same one', file }));
}

/** Warns at start when a retention setting falls outside the CNIL window (rule R-LOG-RETENTION) or pruning is overdue. */
@Injectable()
export class TrailRetentionCheck implements OnApplicationBootstrap {
  constructor(
    private readonly cfg: AppConfig,
    private readonly store: TrailStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const issues = checkLogRetention(this.cfg.value.trail.retention, await this.store.oldestEntryTimes());
    for (const i of issues) logger.warn({ msg: i.message, rule: i.rule, kind: i.kind });
  }
}

export const TRAIL_PROVIDERS: Provider[] = [
  { provide: TrailKeys, useFactory: trailKeysFactory, inject: [AppConfig, TrailStore] },
  { provide: TrailWriter, useFactory: (store: TrailStore, keys: TrailKeys) => new ChainedTrailWriter(store, keys.pseudonymKey), inject: [TrailStore, TrailKeys] },
  { provide: TrailVerifier, useFactory: (store: TrailStore, keys: TrailKeys) => new TrailVerifier(store, keys), inject: [TrailStore, TrailKeys] },
  { provide: TrailCheckpointService, useFactory: (store: TrailStore, keys: TrailKeys) => new TrailCheckpointService(store, keys), inject: [TrailStore, TrailKeys] },
  { provide: TrailExportService, useFactory: (store: TrailStore, keys: TrailKeys) => new TrailExportService(store, keys), inject: [TrailStore, TrailKeys] },
  { provide: TrailQueryService, useFactory: (store: TrailStore) => new TrailQueryService(store), inject: [TrailStore] },
  {
    provide: TrailPruneService,
    useFactory: (store: TrailStore, keys: TrailKeys, writer: TrailWriter, cfg: AppConfig) => new TrailPruneService(store, keys, writer, cfg.value.trail.retention),
    inject: [TrailStore, TrailKeys, TrailWriter, AppConfig],
  },
  TrailRetentionCheck,
  // R-LOG-RETENTION as a finding of the audit too: the audit is told what the trail keeps.
  { provide: LogRetentionSource, useClass: TrailLogRetentionSource },
  {
    provide: GdprService,
    useFactory: (data: PersonalDataStore, store: TrailStore, writer: TrailWriter, snapshots: SnapshotStore, policies: PolicySource, keys: TrailKeys) =>
      new GdprService(data, store, writer, snapshots, policies, keys),
    inject: [PersonalDataStore, TrailStore, TrailWriter, SnapshotStore, PolicySource, TrailKeys],
  },
];

export const TRAIL_EXPORTS = [TrailKeys, TrailWriter, TrailVerifier, TrailCheckpointService, TrailExportService, TrailQueryService, TrailPruneService, GdprService];
