import type { AccessSliceStore, EffectiveAccessService } from '#vigie/access';
import type {
  ApiTokenService,
  BreakGlassAccount,
  DirectoryLogin,
  OidcLogin,
  OidcSignInStore,
  RoleMapping,
  SignInAttempts,
  SignInThrottle,
  StaffSessionService,
} from '#vigie/access-control';
import type { AlertService } from '#vigie/alerts';
import type {
  ApprovedMembershipSource,
  AuditService,
  FindingDecisionService,
  FindingsQueryService,
  FindingStore,
  LogRetentionSource,
  OperationalGaugesSource,
  ScoreService,
  StatisticsSource,
} from '#vigie/audit';
import { type JobLock, type JobQueue, VigieError } from '#vigie/common';
import type { VigieConfig } from '#vigie/config';
import type { DirectoryReader, DirectoryWriter } from '#vigie/directory';
import type { HrWorld, PasswordDelivery } from '../use-cases/apply-hr-event/hr-apply.ports.js';
import type { GdprService } from '#vigie/gdpr';
import type { HrDetailsSource, HrEventStore, HrSettings, HrSource } from '#vigie/hr';
import type { AccountSearch, DirectoryChangeHistory, DirectorySnapshot, SnapshotStore, SyncChangeStore, SyncRunStore, SyncService } from '#vigie/identity';
import type { LoggerFactory } from '#vigie/logging';
import type { ClosableSqlClient, PgBossJobQueue } from '#vigie/persistence';
import type { PolicySource, PolicyStore } from '#vigie/policy';
import type { ComplianceReportBuilder, ReportStore } from '#vigie/reporting';
import type { AccessRequestStore, RequestNotifier, RequestSettings } from '#vigie/requests';
import type { CheckpointPublication, PublishedCheckpoints, TrailKeys, TrailStore, TrailWriter } from '#vigie/trail';
import { toDirectorySource } from '../directory-sources.js';
import { SCHEDULED_QUEUES } from '../scheduling/scheduled-queues.js';
import { rosterFormatOf } from '../use-cases/shared/roster-format.js';
import { SqlUnitOfWork } from './sql-unit-of-work.js';
import { TrailCheckpointCadence } from './trail-checkpoint.cadence.js';

/**
 * Every adapter and domain service of Vigie, each made the first time something asks for it, with the modules it
 * needs loaded then: `vigie sync` loads the directory reader, the sync and the trail, never the audit's rules, the
 * policy parser or TypeORM; an offline audit of an LDIF file never opens the database. The one place that knows which
 * adapter serves which port.
 */
export class Dependencies {
  private readonly made = new Map<string, Promise<unknown>>();
  private db: ClosableSqlClient | undefined;
  /** The job queue once started: what a unit of work enqueues on, and what `close` stops before the database. */
  private jobs: PgBossJobQueue | undefined;
  /**
   * A checkpoint, signed and published, at the end of each use case that wrote trail entries (at most one a second
   * per process), so that few entries are ever outside a published checkpoint.
   */
  readonly checkpointCadence = new TrailCheckpointCadence(
    async () => {
      const { TrailCheckpointService } = await this.trailLibrary();
      const [store, keys, publication] = await Promise.all([this.trailStore(), this.trailKeys(), this.checkpointPublication()]);
      await new TrailCheckpointService(store, keys, publication).checkpointHeads('after-write');
    },
    (err) => this.loggerFor('Trail').warn({ msg: 'could not sign or publish a checkpoint after writing to the trail; the worker will', err }),
  );

  /**
   * The trail library, loaded once: the checkpoint after a use case may run from a timer, after the caller has moved
   * on (a test torn down); loading the module then would be too late.
   */
  private trailModule?: Promise<typeof import('#vigie/trail')>;

  constructor(
    readonly config: VigieConfig,
    readonly loggerFor: LoggerFactory,
    /** A database already opened (with its migrations applied) to use instead of the configured one; not closed here. */
    private readonly given?: ClosableSqlClient,
  ) {}

  /** Made once; a failure is not kept, so that the next caller tries again (the database may be back). */
  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    let made = this.made.get(key) as Promise<T> | undefined;
    if (!made) {
      made = make();
      this.made.set(key, made);
      made.catch(() => this.made.delete(key));
    }
    return made;
  }

  private persistence() {
    return this.once('persistence', () => import('#vigie/persistence'));
  }

  /** The database, with its migrations applied: one pool (or the embedded PGlite) for every store. */
  database(): Promise<ClosableSqlClient> {
    return this.once('database', async () => {
      this.checkpointCadence.reopen();
      if (this.given) return this.given;
      const { openSqlClient } = await this.persistence();
      const db = await openSqlClient(this.config.database);
      this.db = db;
      return db;
    });
  }

  /** Whether the database was opened (what `close` has to close). */
  get databaseOpened(): boolean {
    return this.db !== undefined;
  }

  async close(): Promise<void> {
    const jobs = this.jobs;
    this.jobs = undefined;
    await jobs?.stop();
    if (this.db || this.given) await this.checkpointCadence.close();
    const db = this.db;
    this.db = undefined;
    this.made.clear();
    await db?.close();
  }

  // ---- stores ------------------------------------------------------------------------------------------------

  trailStore(): Promise<TrailStore> {
    return this.once('trailStore', async () => new (await this.persistence()).PgTrailStore(await this.database()));
  }

  snapshots(): Promise<SnapshotStore> {
    return this.once('snapshots', async () => new (await this.persistence()).PgSnapshotStore(await this.database(), this.loggerFor('SnapshotStore')));
  }

  syncRuns(): Promise<SyncRunStore> {
    return this.once('syncRuns', async () => new (await this.persistence()).PgSyncRunStore(await this.database()));
  }

  syncChanges(): Promise<SyncChangeStore> {
    return this.once('syncChanges', async () => new (await this.persistence()).PgSyncChangeStore(await this.database()));
  }

  accountSearch(): Promise<AccountSearch> {
    return this.once('accountSearch', async () => new (await this.persistence()).PgAccountSearch(await this.database()));
  }

  directoryChangeHistory(): Promise<DirectoryChangeHistory> {
    return this.once('directoryChangeHistory', async () => new (await this.persistence()).PgDirectoryChangeHistory(await this.database()));
  }

  findings(): Promise<FindingStore> {
    return this.once('findings', async () => new (await this.persistence()).PgFindingStore(await this.database()));
  }

  policyStore(): Promise<PolicyStore> {
    return this.once('policyStore', async () => new (await this.persistence()).PgPolicyStore(await this.database()));
  }

  /** Access requests and delegations outside any transaction: what lists and shows read (changes go through a unit of work). */
  requestStore(): Promise<AccessRequestStore> {
    return this.once('requestStore', async () => new (await this.persistence()).PgAccessRequestStore(await this.database()));
  }

  /** HR events and people outside any transaction: what lists and SCIM reads use (changes go through a unit of work). */
  hrEventStore(): Promise<HrEventStore> {
    return this.once('hrEventStore', async () => new (await this.persistence()).PgHrEventStore(await this.database()));
  }

  jobLock(): Promise<JobLock> {
    return this.once('jobLock', async () => {
      const p = await this.persistence();
      // The embedded database lives in this process: an in-process lock is the whole truth there.
      return this.config.database.url ? new p.AdvisoryJobLock(await this.database()) : new p.InProcessJobLock();
    });
  }

  /**
   * The job queue on the database (pg-boss in the `pgboss` schema, on PostgreSQL or the embedded PGlite), its schema
   * and queues (the schedules', the access requests', the HR events') created at start. A job that fails for good alerts the
   * administrators (a security event 'job-failed'). Start it before a unit of work that enqueues: `jobs` of the
   * transaction needs it.
   */
  jobQueue(): Promise<JobQueue> {
    return this.once('jobQueue', async () => {
      const [p, db, { jobFailedEvent }, { REQUEST_QUEUES }, { HR_QUEUES }] = await Promise.all([
        this.persistence(),
        this.database(),
        import('../jobs/job-failed.event.js'),
        import('#vigie/requests'),
        import('#vigie/hr'),
      ]);
      const log = this.loggerFor('JobQueue');
      const queue = await p.PgBossJobQueue.start(db, {
        queues: [...Object.values(SCHEDULED_QUEUES), ...Object.values(REQUEST_QUEUES), ...Object.values(HR_QUEUES)],
        onFailed: async (job) => {
          log.error({ msg: 'a job failed for good', job: job.id, name: job.name, kind: job.error.kind, error: job.error.message });
          await (await this.alerts()).securityEvent(jobFailedEvent(job));
        },
        onError: (err) => log.warn({ msg: 'the job queue could not reach the database; it tries again', err }),
      });
      this.jobs = queue;
      return queue;
    });
  }

  // ---- the trail -----------------------------------------------------------------------------------------------

  /** The trail's keys, checked against the trail (every replica must share the pseudonym key). */
  trailKeys(): Promise<TrailKeys> {
    return this.once('trailKeys', async () => {
      const { checkLogRetention, openTrailKeys } = await import('#vigie/trail');
      const store = await this.trailStore();
      const log = this.loggerFor('Trail');
      const keys = await openTrailKeys(this.config.trail, store, (file) =>
        log.warn({ msg: 'created a trail key on first start: back it up, and give every replica the same one', file }),
      );
      // A retention outside the CNIL window (R-LOG-RETENTION), or pruning overdue, is said at start.
      for (const i of checkLogRetention(this.config.trail.retention, await store.oldestEntryTimes())) log.warn({ msg: i.message, rule: i.rule, kind: i.kind });
      return keys;
    });
  }

  /** The trail outside any transaction: what is recorded on its own (a login, a failed login). */
  trailWriter(): Promise<TrailWriter> {
    return this.once('trailWriter', async () => {
      const { ChainedTrailWriter } = await this.trailLibrary();
      return new ChainedTrailWriter(await this.trailStore(), (await this.trailKeys()).pseudonymKey, undefined, () => this.checkpointCadence.noteWritten());
    });
  }

  /** The sinks checkpoints are published to as they are signed (trail.publish): the file by default, a webhook too. */
  checkpointPublication(): Promise<CheckpointPublication> {
    return this.once('checkpointPublication', async () => {
      const { CheckpointPublication, FileCheckpointPublisher, WebhookCheckpointPublisher } = await import('#vigie/trail');
      const { file, webhook } = this.config.trail.publish;
      return new CheckpointPublication([
        ...(file ? [new FileCheckpointPublisher(file)] : []),
        ...(webhook ? [new WebhookCheckpointPublisher({ url: webhook.url, bearerToken: webhook.token, timeoutMs: webhook.timeoutMs })] : []),
      ]);
    });
  }

  /** The outside copy verify reads back: the published file, when it is on. */
  async publishedCheckpoints(): Promise<PublishedCheckpoints | null> {
    const file = this.config.trail.publish.file;
    return file ? new (await import('#vigie/trail')).FileCheckpointPublisher(file) : null;
  }

  private trailLibrary(): Promise<typeof import('#vigie/trail')> {
    return (this.trailModule ??= import('#vigie/trail'));
  }

  /** The public keys verify trusts (trail.pinnedPublicKeys), as raw keys in base64. */
  async pinnedPublicKeys(): Promise<string[]> {
    const { parsePinnedKey } = await import('#vigie/trail');
    return this.config.trail.pinnedPublicKeys.map((k) => parsePinnedKey(k));
  }

  /** One transaction for a use case's rows and its trail entries, with every store bound to it. */
  unitOfWork(): Promise<SqlUnitOfWork> {
    return this.once('unitOfWork', async () => {
      const [p, { ChainedTrailWriter }, { ActionRecordingTrailWriter }, db, keys] = await Promise.all([
        this.persistence(),
        this.trailLibrary(),
        import('./action-recording.trail-writer.js'),
        this.database(),
        this.trailKeys(),
      ]);
      const snapshotLogger = this.loggerFor('SnapshotStore');
      const jobs = () => this.jobs;
      const cadence = this.checkpointCadence;
      const kill = this.config.testing.killBeforeCommitOf;
      const beforeCommit = kill
        ? (actions: readonly string[]) => {
            // Crash tests: as if the process died between the transaction's last statement and its COMMIT.
            if (actions.includes(kill)) process.kill(process.pid, 'SIGKILL');
          }
        : undefined;
      return new SqlUnitOfWork(
        db,
        (tx) => {
          const made = new Map<string, unknown>();
          const recorded: string[] = [];
          const one = <T>(key: string, make: () => T): T => (made.has(key) ? (made.get(key) as T) : (made.set(key, make()), made.get(key) as T));
          return {
            get snapshots() {
              return one('snapshots', () => new p.PgSnapshotStore(tx, snapshotLogger));
            },
            get runs() {
              return one('runs', () => new p.PgSyncRunStore(tx));
            },
            get findings() {
              return one('findings', () => new p.PgFindingStore(tx));
            },
            get tokens() {
              return one('tokens', () => new p.PgApiTokenStore(tx));
            },
            get sessions() {
              return one('sessions', () => new p.PgStaffSessionStore(tx));
            },
            get personalData() {
              return one('personalData', () => new p.PgPersonalDataStore(tx));
            },
            get policies() {
              return one('policies', () => new p.PgPolicyStore(tx));
            },
            get requests() {
              return one('requests', () => new p.PgAccessRequestStore(tx));
            },
            get hr() {
              return one('hr', () => new p.PgHrEventStore(tx));
            },
            get reports() {
              return one('reports', () => new p.PgReportStore(tx));
            },
            get trail() {
              return one(
                'trail',
                () =>
                  new ActionRecordingTrailWriter(
                    new ChainedTrailWriter(new p.PgTrailStore(tx), keys.pseudonymKey, undefined, () => cadence.noteWritten()),
                    recorded,
                  ),
              );
            },
            get jobs() {
              return one('jobs', () => {
                const queue = jobs();
                // Starting the queue inside the transaction would create its schema beside the transaction's own
                // statements (on PGlite, behind them for ever): the use case awaits Dependencies.jobQueue() first.
                if (!queue) throw new Error('the job queue is not started: await jobQueue() before the unit of work that enqueues');
                return queue.outboxOn(tx);
              });
            },
            recordedActions: () => recorded,
          };
        },
        beforeCommit,
      );
    });
  }

  // ---- sources outside the database --------------------------------------------------------------------------

  directoryReader(): Promise<DirectoryReader> {
    return this.once('directoryReader', async () => new (await import('#vigie/directory')).DefaultDirectoryReader());
  }

  /**
   * Sign-in with a directory account, on the one directory auth.directory names (with its login attribute); without
   * auth.directory, every sign-in is refused as not configured. Built once: it holds no connection between calls.
   */
  directoryLogin(): Promise<DirectoryLogin> {
    return this.once('directoryLogin', async () => {
      const { createDirectoryLogin } = await import('#vigie/directory');
      const login = this.config.auth.directory;
      const found = login && this.config.directories.find((d) => d.name === login.directory);
      const source = found ? toDirectorySource(found) : undefined;
      // The configuration's own check refuses an ldif directory there; a source of another kind is simply not offered.
      const directories = source && source.kind !== 'ldif' ? [{ ...source, loginAttribute: login?.loginAttribute }] : [];
      return createDirectoryLogin({ directories });
    });
  }

  /**
   * Writes to the configured LDAP and AD directories (group memberships for provisioning, accounts for the HR flows),
   * each with its own service account. Built once: it holds no connection between calls.
   */
  directoryWriter(): Promise<DirectoryWriter> {
    return this.once('directoryWriter', async () => {
      const { createDirectoryWriter } = await import('#vigie/directory');
      const directories = this.config.directories.map(toDirectorySource).flatMap((source) => (source.kind === 'ldif' ? [] : [source]));
      return createDirectoryWriter({ directories });
    });
  }

  /**
   * The configured policy directory, with the last valid version (stored in the database, shared by the replicas)
   * kept in force when the directory becomes invalid; `policy.keepLastValid: false` (and `vigie audit --policies`)
   * load the directory as it is, so an invalid one fails the audit.
   */
  policySource(): Promise<PolicySource> {
    return this.once('policySource', async () => {
      const { DirectoryPolicySource, LastValidPolicySource } = await import('#vigie/policy');
      const { dir, keepLastValid } = this.config.policy;
      if (!keepLastValid) return new DirectoryPolicySource(dir);
      const log = this.loggerFor('PolicySource');
      return new LastValidPolicySource(dir, await this.policyStore(), {
        onFallback: ({ source, reason, version, lastValidAt }) =>
          // A warning: the audit runs. `vigie audit` says it in its own words (its log shows errors only).
          log.warn({ msg: 'the policy directory is invalid: auditing with the last valid version', source, version, lastValidAt, errors: reason.split('\n') }),
      });
    });
  }

  /**
   * The policy's `requests` settings over their defaults, read from the policy in force at each call (the sweep's
   * minute sees a policy change at once).
   */
  async requestSettings(): Promise<RequestSettings> {
    const [{ requestSettingsOf }, policies] = await Promise.all([import('#vigie/requests'), this.policySource()]);
    const { settings } = await policies.load();
    return requestSettingsOf((settings as { requests?: Parameters<typeof requestSettingsOf>[0] }).requests);
  }

  /**
   * The policy's `hr` settings (departments → OU, leavers' OU) with G-MOVER's grace and the leavers' retention, read
   * from the policy in force at each call: a department added by pull request is known to the next event.
   */
  async hrSettings(): Promise<HrSettings> {
    const [{ hrSettingsOf }, policies] = await Promise.all([import('#vigie/hr'), this.policySource()]);
    const { settings } = await policies.load();
    const s = settings as {
      hr?: Parameters<typeof hrSettingsOf>[0]['hr'];
      rules?: Record<string, unknown>;
      retention?: { leaverAccountDays?: number };
    };
    const mover = s.rules?.['G-MOVER'] as { thresholdDays?: unknown } | undefined;
    return hrSettingsOf({
      hr: s.hr,
      moverGraceDays: typeof mover?.thresholdDays === 'number' ? mover.thresholdDays : undefined,
      leaverRetentionDays: s.retention?.leaverAccountDays,
    });
  }

  /**
   * The policy in force as the HR worker reads it (hr settings, birthright groups as DNs of hr.directory), kept for 15
   * seconds: a burst of hires does not load the policy files once per event, and a policy change is seen within that.
   */
  hrWorld(): Promise<HrWorld> {
    const now = Date.now();
    if (this.hrWorldCache && now - this.hrWorldCache.at < 15_000) return this.hrWorldCache.world;
    const world = (async () => {
      const [{ PolicyHrWorld }, policies, settings] = await Promise.all([import('./policy-hr-world.js'), this.policySource(), this.hrSettings()]);
      return new PolicyHrWorld(await policies.load(), settings, this.config.hr.directory ?? '', () => this.snapshots());
    })();
    this.hrWorldCache = { at: now, world };
    world.catch(() => (this.hrWorldCache = null));
    return world;
  }
  private hrWorldCache: { at: number; world: Promise<HrWorld> } | null = null;

  /** The channel of hr.passwordDelivery, over the SMTP server of alerts.smtp. */
  passwordDelivery(): Promise<PasswordDelivery> {
    return this.once('passwordDelivery', async () => {
      const [{ MailPasswordDelivery }, { SmtpMailer }] = await Promise.all([import('./password-delivery.js'), import('#vigie/alerts')]);
      const { channel, to } = this.config.hr.passwordDelivery;
      const smtp = this.config.alerts.smtp;
      return new MailPasswordDelivery(channel, to, smtp ? new SmtpMailer(smtp) : null);
    });
  }

  /**
   * The audit's HR roster: the roster file (hr.rosterFile), and once HR events are taken (hr.directory set) the people
   * they told of, over it (G-LEAVER, G-ORPHAN, G-MOVER and R-LEAVER-RETENTION read the feed then).
   */
  hrSource(): Promise<HrSource> {
    return this.once('hrSource', async () => {
      const { HrFeedSource, RosterFileSource } = await import('#vigie/hr');
      const file = new RosterFileSource(this.config.hr.rosterFile, rosterFormatOf(this.config));
      return this.config.hr.directory ? new HrFeedSource(file, () => this.hrEventStore()) : file;
    });
  }

  /**
   * The HR system's API, for events that carry only an employee id (fetchDetails): BambooHR's when hr.bamboohr is set,
   * else none (such an event then cannot be completed, and says so).
   */
  hrDetailsSource(): Promise<HrDetailsSource | null> {
    return this.once('hrDetailsSource', async () => {
      const bamboohr = this.config.hr.bamboohr;
      if (!bamboohr?.apiKey) return null;
      const { BambooHrDetailsSource } = await import('#vigie/hr');
      const { companyDomain, apiKey, apiUrl, timeoutMs } = bamboohr;
      return new BambooHrDetailsSource({ companyDomain, apiKey, apiUrl, timeoutMs });
    });
  }

  /** The alert channels the configuration declares; none is an empty list, and alerting is then a no-op. */
  alerts(): Promise<AlertService> {
    return this.once('alerts', async () => {
      const { AlertService, SmtpAlertChannel, WebhookAlertChannel } = await import('#vigie/alerts');
      const { alerts, http } = this.config;
      const channels = [...(alerts.smtp ? [new SmtpAlertChannel(alerts.smtp)] : []), ...(alerts.webhook ? [new WebhookAlertChannel(alerts.webhook)] : [])];
      return new AlertService(channels, { minSeverity: alerts.minSeverity, publicUrl: http.publicUrl ?? null }, this.loggerFor('AlertService'));
    });
  }

  /**
   * Notices about access requests over the same channels as the alerts (alerts.smtp, alerts.webhook): mail to each
   * person told, and the security officer's configured addresses when it is for them; one event on the webhook.
   */
  requestNotifier(): Promise<RequestNotifier> {
    return this.once('requestNotifier', async () => {
      const { ChannelRequestNotifier, SmtpMailer, WebhookPoster } = await import('#vigie/alerts');
      const { smtp, webhook } = this.config.alerts;
      return new ChannelRequestNotifier(
        { mailer: smtp ? new SmtpMailer(smtp) : undefined, webhook: webhook ? new WebhookPoster(webhook) : undefined },
        this.loggerFor('RequestNotifier'),
      );
    });
  }

  /**
   * Signing in through the OpenID Connect provider of auth.oidc; openid-client is loaded the first time someone signs
   * in that way. The provider's metadata is discovered then, not at start: a provider down at start does not stop Vigie.
   */
  oidcLogin(): Promise<OidcLogin> {
    return this.once('oidcLogin', async () => {
      const { auth, http } = this.config;
      if (!auth.oidc) {
        throw new VigieError('configuration', 'OpenID Connect sign-in is not configured: set auth.oidc (issuer, clientId) in vigie.yaml');
      }
      const redirectUri = auth.oidc.redirectUri ?? (http.publicUrl && `${http.publicUrl.replace(/\/+$/, '')}/api/auth/oidc/callback`);
      if (!redirectUri) {
        throw new VigieError(
          'configuration',
          'OpenID Connect sign-in needs the address the provider sends the browser back to: set auth.oidc.redirectUri or http.publicUrl',
        );
      }
      const { OpenIdClientLogin } = await import('#vigie/oidc');
      return new OpenIdClientLogin({ ...auth.oidc, redirectUri }, this.loggerFor('OidcLogin'));
    });
  }

  // ---- domain services ---------------------------------------------------------------------------------------

  syncService(): Promise<SyncService> {
    return this.once('syncService', async () => {
      const [{ SyncService }, reader, snapshots, runs, trail, uow] = await Promise.all([
        import('#vigie/identity'),
        this.directoryReader(),
        this.snapshots(),
        this.syncRuns(),
        this.trailWriter(),
        this.unitOfWork(),
      ]);
      return new SyncService({ reader, snapshots, runs, trail, uow, logger: this.loggerFor('SyncService') });
    });
  }

  auditService(): Promise<AuditService> {
    return this.once('auditService', async () => {
      const [{ AuditService }, { policyChecksAgainst }, logRetention, approvedMemberships, policies, snapshots, findings, hr, trail, changes, uow] =
        await Promise.all([
          import('#vigie/audit'),
          import('../use-cases/shared/policy-checks.js'),
          this.logRetention(),
          this.approvedMemberships(),
          this.policySource(),
          this.snapshots(),
          this.findings(),
          this.hrSource(),
          this.trailWriter(),
          this.syncChanges(),
          this.unitOfWork(),
        ]);
      // The checks of `vigie policy validate`, errors only: its warnings (conditions no account meets) are not the audit's to show.
      const policyChecks = (all: readonly DirectorySnapshot[]) => policyChecksAgainst(all, { warnings: false });
      return new AuditService({
        policies,
        snapshots,
        findings,
        hr,
        trail,
        changes,
        uow,
        logRetention,
        approvedMemberships,
        policyChecks,
        logger: this.loggerFor('AuditService'),
      });
    });
  }

  /** What the trail keeps, for R-LOG-RETENTION: the audit reports the trail's retention as findings about the logs too. */
  logRetention(): Promise<LogRetentionSource> {
    return this.once('logRetention', async () => {
      const [{ TrailLogRetentionSource }, store] = await Promise.all([import('./trail-log-retention.source.js'), this.trailStore()]);
      return new TrailLogRetentionSource(this.config.trail.retention, store);
    });
  }

  /**
   * What G-PRIV-CHANGE compares new privileged memberships with: the memberships approved access requests stand
   * behind, as the request store answers them.
   */
  approvedMemberships(): Promise<ApprovedMembershipSource> {
    return this.requestStore();
  }

  /** The score now and its trend (docs/score.md): the dashboard and the reports share it. */
  scores(): Promise<ScoreService> {
    return this.once('scores', async () => {
      const [{ ScoreService }, { PgFindingStore }, db] = await Promise.all([import('#vigie/audit'), this.persistence(), this.database()]);
      return new ScoreService(await this.findings(), new PgFindingStore(db));
    });
  }

  /** What a compliance report says, gathered from the score, the findings, the policy's resources and the trail. */
  complianceReports(): Promise<ComplianceReportBuilder> {
    return this.once('complianceReports', async () => {
      const [{ ComplianceReportBuilder }, { PgComplianceDataSource }, { PolicyResourcesOfAccess }, db, scores, policies, access] = await Promise.all([
        import('#vigie/reporting'),
        this.persistence(),
        import('./policy-resources.js'),
        this.database(),
        this.scores(),
        this.policySource(),
        this.effectiveAccess(),
      ]);
      const directories = this.config.directories.map((d) => ({ name: d.name, kind: d.kind }));
      return new ComplianceReportBuilder(scores, new PgComplianceDataSource(db), new PolicyResourcesOfAccess(policies, access), {
        company: this.config.reports.organisation ?? (directories.map((d) => d.name).join(', ') || 'Vigie'),
        timeZone: this.config.scheduler.timezone,
        directories,
      });
    });
  }

  reportStore(): Promise<ReportStore> {
    return this.once('reportStore', async () => new (await this.persistence()).PgReportStore(await this.database()));
  }

  findingsQuery(): Promise<FindingsQueryService> {
    return this.once('findingsQuery', async () => new (await import('#vigie/audit')).FindingsQueryService(await this.findings()));
  }

  /** Monthly aggregates for the periodic statistics (docs/statistics.md). */
  statistics(): Promise<StatisticsSource> {
    return this.once('statistics', async () => new (await this.persistence()).PgStatisticsStore(await this.database()));
  }

  /** What the Prometheus scrape reports about the data (docs/metrics.md). */
  operationalGauges(): Promise<OperationalGaugesSource> {
    return this.once('operationalGauges', async () => new (await this.persistence()).PgOperationalGaugesStore(await this.database()));
  }

  findingDecisions(): Promise<FindingDecisionService> {
    return this.once('findingDecisions', async () => new (await import('#vigie/audit')).FindingDecisionService(await this.unitOfWork()));
  }

  effectiveAccess(): Promise<EffectiveAccessService> {
    return this.once('effectiveAccess', async () => {
      const [{ EffectiveAccessService }, policies, slices] = await Promise.all([import('#vigie/access'), this.policySource(), this.accessSlices()]);
      return new EffectiveAccessService(policies, slices);
    });
  }

  /** The parts of the synchronised snapshots one person's or one resource's questions need (effective access, requests). */
  accessSlices(): Promise<AccessSliceStore> {
    return this.once('accessSlices', async () => new (await this.persistence()).PgAccessSliceStore(await this.database()));
  }

  /** People's web sessions, with the timeouts of auth.session. */
  staffSessions(): Promise<StaffSessionService> {
    return this.once('staffSessions', async () => {
      const [{ StaffSessionService }, p, db, uow] = await Promise.all([
        import('#vigie/access-control'),
        this.persistence(),
        this.database(),
        this.unitOfWork(),
      ]);
      const s = this.config.auth.session;
      return new StaffSessionService(new p.PgStaffSessionStore(db), uow, {
        idleMs: s.idleMinutes * 60_000,
        absoluteMs: s.absoluteHours * 3_600_000,
        roleRefreshMs: s.roleRefreshSeconds * 1000,
      });
    });
  }

  /**
   * Failed sign-ins and failed tokens, counted in the database (shared by replicas) with the thresholds of
   * auth.attempts; accounts are counted under the trail's keyed pseudonym of their login, never the login itself.
   */
  signInAttempts(): Promise<SignInAttempts> {
    return this.signInThrottle();
  }

  /** The same, with the worker's sweep. */
  signInThrottle(): Promise<SignInThrottle> {
    return this.once('signInThrottle', async () => {
      const [{ SignInThrottle }, { Pseudonymiser }, p, db, trail, keys, alerts] = await Promise.all([
        import('#vigie/access-control'),
        this.trailLibrary(),
        this.persistence(),
        this.database(),
        this.trailWriter(),
        this.trailKeys(),
        this.alerts(),
      ]);
      const pseudonyms = new Pseudonymiser(keys.pseudonymKey);
      return new SignInThrottle({
        store: new p.PgSignInAttemptStore(db),
        trail,
        alerts,
        settings: this.config.auth.attempts,
        accountKey: (login) => pseudonyms.pseudonym({ login }),
        logger: this.loggerFor('SignInAttempts'),
      });
    });
  }

  /** OpenID Connect sign-ins waiting for their callback. */
  oidcSignIns(): Promise<OidcSignInStore> {
    return this.once('oidcSignIns', async () => {
      const [p, db] = await Promise.all([this.persistence(), this.database()]);
      return new p.PgOidcSignInStore(db);
    });
  }

  /** auth.roles and auth.defaultRoles, with group DNs compared the way the directory library normalises them. */
  async roleMapping(): Promise<RoleMapping> {
    const { normalizeDn } = await import('#vigie/directory');
    return { lines: this.config.auth.roles, defaultRoles: this.config.auth.defaultRoles, normaliseDn: normalizeDn };
  }

  /** The break-glass account of auth.breakGlass (its argon2 hash read from the environment or its file). */
  breakGlass(): Promise<BreakGlassAccount> {
    return this.once('breakGlass', async () => {
      const [{ BreakGlassAccount }, { readBreakGlassHash }] = await Promise.all([import('#vigie/access-control'), import('./break-glass-hash.js')]);
      const glass = this.config.auth.breakGlass;
      return new BreakGlassAccount({ enabled: glass.enabled, login: glass.login, passwordHash: glass.enabled ? await readBreakGlassHash(glass) : null });
    });
  }

  apiTokens(): Promise<ApiTokenService> {
    return this.once('apiTokens', async () => {
      const [{ ApiTokenService }, p, db, uow] = await Promise.all([import('#vigie/access-control'), this.persistence(), this.database(), this.unitOfWork()]);
      return new ApiTokenService(new p.PgApiTokenStore(db), uow);
    });
  }

  gdpr(): Promise<GdprService> {
    return this.once('gdpr', async () => {
      const [{ GdprService }, p, db, trailStore, trail, snapshots, policies, keys, uow] = await Promise.all([
        import('#vigie/gdpr'),
        this.persistence(),
        this.database(),
        this.trailStore(),
        this.trailWriter(),
        this.snapshots(),
        this.policySource(),
        this.trailKeys(),
        this.unitOfWork(),
      ]);
      return new GdprService(new p.PgPersonalDataStore(db), trailStore, trail, snapshots, policies, keys, uow);
    });
  }
}
