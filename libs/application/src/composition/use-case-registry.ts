import type * as z from 'zod';
import { VigieError } from '#vigie/common';
import { scimBaseUrl } from '../scim/scim-settings.js';
import type { HrDetailsSource } from '#vigie/hr';
import type { UseCase } from '../use-case.js';
import type { Dependencies } from './dependencies.js';

/**
 * Every use case, and how it is built from its adapters: the one place that wires them. Each entry loads its use
 * case's module when it is first run (so a command loads only what it runs) and names what it needs.
 */
export const USE_CASES = {
  'sync-directories': async (d: Dependencies) => {
    const [{ SyncDirectories }, sync, lock] = await Promise.all([
      import('../use-cases/sync-directories/sync-directories.use-case.js'),
      d.syncService(),
      d.jobLock(),
    ]);
    return new SyncDirectories(d.config, sync, lock);
  },
  'run-audit': async (d: Dependencies) => {
    const [{ RunAudit }, audit, alerts, lock] = await Promise.all([
      import('../use-cases/run-audit/run-audit.use-case.js'),
      d.auditService(),
      d.alerts(),
      d.jobLock(),
    ]);
    return new RunAudit(audit, alerts, lock);
  },
  'audit-ldif-export': async (d: Dependencies) => {
    const [{ AuditLdifExport }, reader] = await Promise.all([import('../use-cases/audit-ldif-export/audit-ldif-export.use-case.js'), d.directoryReader()]);
    return new AuditLdifExport(reader);
  },
  'decide-on-finding': async (d: Dependencies) => {
    const [{ DecideOnFinding }, decisions] = await Promise.all([import('../use-cases/decide-on-finding/decide-on-finding.use-case.js'), d.findingDecisions()]);
    return new DecideOnFinding(decisions);
  },
  'list-findings': async (d: Dependencies) => {
    const [{ ListFindings }, findings] = await Promise.all([import('../use-cases/list-findings/list-findings.use-case.js'), d.findingsQuery()]);
    return new ListFindings(findings);
  },
  'show-finding': async (d: Dependencies) => {
    const [{ ShowFinding }, findings] = await Promise.all([import('../use-cases/show-finding/show-finding.use-case.js'), d.findingsQuery()]);
    const kinds = new Map(d.config.directories.map((dir) => [dir.name, dir.kind === 'ad' ? 'ad' : dir.kind === 'ldap' ? 'openldap' : null] as const));
    return new ShowFinding(findings, (name) => kinds.get(name) ?? null);
  },
  'build-compliance-report': async (d: Dependencies) => {
    const [{ BuildComplianceReport }, builder] = await Promise.all([
      import('../use-cases/build-compliance-report/build-compliance-report.use-case.js'),
      d.complianceReports(),
    ]);
    return new BuildComplianceReport(builder);
  },
  'generate-report': async (d: Dependencies) => {
    const [{ GenerateReport }, builder, uow] = await Promise.all([
      import('../use-cases/generate-report/generate-report.use-case.js'),
      d.complianceReports(),
      d.unitOfWork(),
    ]);
    return new GenerateReport(builder, uow);
  },
  'list-reports': async (d: Dependencies) => {
    const [{ ListReports }, store] = await Promise.all([import('../use-cases/list-reports/list-reports.use-case.js'), d.reportStore()]);
    return new ListReports(store);
  },
  'download-report': async (d: Dependencies) => {
    const [{ DownloadReport }, store] = await Promise.all([import('../use-cases/download-report/download-report.use-case.js'), d.reportStore()]);
    return new DownloadReport(store);
  },
  'show-dashboard': async (d: Dependencies) => {
    const [{ ShowDashboard }, findings, scores, syncRuns] = await Promise.all([
      import('../use-cases/show-dashboard/show-dashboard.use-case.js'),
      d.findings(),
      d.scores(),
      d.syncRuns(),
    ]);
    return new ShowDashboard(d.config, findings, scores, syncRuns);
  },
  'explain-access': async (d: Dependencies) => {
    const [{ ExplainAccess }, access] = await Promise.all([import('../use-cases/explain-access/explain-access.use-case.js'), d.effectiveAccess()]);
    return new ExplainAccess(access);
  },
  'identity-access': async (d: Dependencies) => {
    const [{ IdentityAccess }, access] = await Promise.all([import('../use-cases/identity-access/identity-access.use-case.js'), d.effectiveAccess()]);
    return new IdentityAccess(access);
  },
  'resource-access': async (d: Dependencies) => {
    const [{ ResourceAccess }, access] = await Promise.all([import('../use-cases/resource-access/resource-access.use-case.js'), d.effectiveAccess()]);
    return new ResourceAccess(access);
  },
  'periodic-statistics': async (d: Dependencies) => {
    const [{ PeriodicStatistics }, source] = await Promise.all([import('../use-cases/periodic-statistics/periodic-statistics.use-case.js'), d.statistics()]);
    return new PeriodicStatistics(source, d.config.scheduler.timezone);
  },
  'read-operational-gauges': async (d: Dependencies) => {
    const [{ ReadOperationalGauges }, source] = await Promise.all([
      import('../use-cases/read-operational-gauges/read-operational-gauges.use-case.js'),
      d.operationalGauges(),
    ]);
    return new ReadOperationalGauges(source);
  },
  'create-token': async (d: Dependencies) => {
    const [{ CreateToken }, tokens] = await Promise.all([import('../use-cases/create-token/create-token.use-case.js'), d.apiTokens()]);
    return new CreateToken(tokens);
  },
  'revoke-token': async (d: Dependencies) => {
    const [{ RevokeToken }, tokens] = await Promise.all([import('../use-cases/revoke-token/revoke-token.use-case.js'), d.apiTokens()]);
    return new RevokeToken(tokens);
  },
  'list-failed-jobs': async (d: Dependencies) => {
    const [{ ListFailedJobs }, jobs] = await Promise.all([import('../use-cases/list-failed-jobs/list-failed-jobs.use-case.js'), d.jobQueue()]);
    return new ListFailedJobs(jobs);
  },
  'retry-job': async (d: Dependencies) => {
    // The queue is started first: the unit of work's `jobs` needs it.
    const [{ RetryJob }, uow] = await Promise.all([import('../use-cases/retry-job/retry-job.use-case.js'), d.jobQueue().then(() => d.unitOfWork())]);
    return new RetryJob(uow);
  },
  'provision-access': async (d: Dependencies) => {
    const [{ ProvisionAccess }, uow, writer] = await Promise.all([
      import('../use-cases/provision-access/provision-access.use-case.js'),
      d.jobQueue().then(() => d.unitOfWork()),
      d.directoryWriter(),
    ]);
    return new ProvisionAccess(uow, writer);
  },
  'remove-access': async (d: Dependencies) => {
    const [{ RemoveAccess }, uow, writer] = await Promise.all([
      import('../use-cases/remove-access/remove-access.use-case.js'),
      d.jobQueue().then(() => d.unitOfWork()),
      d.directoryWriter(),
    ]);
    return new RemoveAccess(uow, writer);
  },
  'sweep-access-requests': async (d: Dependencies) => {
    const [{ SweepAccessRequests }, uow] = await Promise.all([
      import('../use-cases/sweep-access-requests/sweep-access-requests.use-case.js'),
      d.jobQueue().then(() => d.unitOfWork()),
    ]);
    return new SweepAccessRequests(uow, () => d.requestSettings());
  },
  'revoke-access-grant': async (d: Dependencies) => {
    const [{ RevokeAccessGrant }, uow] = await Promise.all([
      import('../use-cases/revoke-access-grant/revoke-access-grant.use-case.js'),
      d.jobQueue().then(() => d.unitOfWork()),
    ]);
    return new RevokeAccessGrant(uow);
  },
  'access-catalogue': async (d: Dependencies) => {
    const [{ AccessCatalogue }, policies, slices, hr, uow] = await Promise.all([
      import('../use-cases/access-catalogue/access-catalogue.use-case.js'),
      d.policySource(),
      d.accessSlices(),
      d.hrSource(),
      d.unitOfWork(),
    ]);
    return new AccessCatalogue({ policies, slices, hr }, uow);
  },
  'create-access-request': async (d: Dependencies) => {
    // The queue is started first: the unit of work's `jobs` (the first approvers' notice) needs it.
    const [{ CreateAccessRequest }, policies, slices, hr, uow] = await Promise.all([
      import('../use-cases/create-access-request/create-access-request.use-case.js'),
      d.policySource(),
      d.accessSlices(),
      d.hrSource(),
      d.jobQueue().then(() => d.unitOfWork()),
    ]);
    return new CreateAccessRequest({ policies, slices, hr }, uow);
  },
  'list-tokens': async (d: Dependencies) => {
    const [{ ListTokens }, tokens] = await Promise.all([import('../use-cases/list-tokens/list-tokens.use-case.js'), d.apiTokens()]);
    return new ListTokens(tokens);
  },
  'authenticate-token': async (d: Dependencies) => {
    const [{ AuthenticateToken }, tokens, attempts, trail] = await Promise.all([
      import('../use-cases/authenticate-token/authenticate-token.use-case.js'),
      d.apiTokens(),
      d.signInAttempts(),
      d.trailWriter(),
    ]);
    return new AuthenticateToken(tokens, attempts, trail, d.loggerFor('AuthenticateToken'));
  },
  'authenticate-scim-token': async (d: Dependencies) => {
    const [{ AuthenticateScimToken }, attempts] = await Promise.all([
      import('../use-cases/authenticate-scim-token/authenticate-scim-token.use-case.js'),
      d.signInAttempts(),
    ]);
    return new AuthenticateScimToken(d.config.hr.scim, attempts, d.loggerFor('AuthenticateScimToken'));
  },
  'write-scim-user': async (d: Dependencies) => {
    // The writes first: jest's ESM loader fails on concurrent first imports of one module (scimmy).
    const writes = await scimUserWrites(d);
    const [{ WriteScimUser }, hr] = await Promise.all([import('../use-cases/write-scim-user/write-scim-user.use-case.js'), d.hrEventStore()]);
    return new WriteScimUser(writes, hr, scimBaseUrl(d.config.http.publicUrl));
  },

  'read-scim-users': async (d: Dependencies) => {
    const [{ ReadScimUsers }, hr] = await Promise.all([import('../use-cases/read-scim-users/read-scim-users.use-case.js'), d.hrEventStore()]);
    return new ReadScimUsers(hr, scimBaseUrl(d.config.http.publicUrl));
  },
  'run-scim-bulk': async (d: Dependencies) => {
    // The writes first: jest's ESM loader fails on concurrent first imports of one module (scimmy).
    const writes = await scimUserWrites(d);
    const [{ RunScimBulk }, hr] = await Promise.all([import('../use-cases/run-scim-bulk/run-scim-bulk.use-case.js'), d.hrEventStore()]);
    return new RunScimBulk(writes, hr, scimBaseUrl(d.config.http.publicUrl));
  },

  'describe-scim-service': async (d: Dependencies) => {
    const { DescribeScimService } = await import('../use-cases/describe-scim-service/describe-scim-service.use-case.js');
    const { publicUrl } = d.config.http;
    return new DescribeScimService(scimBaseUrl(publicUrl), publicUrl ? `${publicUrl.replace(/\/+$/, '')}/api/docs` : null);
  },
  'sweep-sign-in-attempts': async (d: Dependencies) => {
    const [{ SweepSignInAttempts }, throttle, sessions] = await Promise.all([
      import('../use-cases/sweep-sign-in-attempts/sweep-sign-in-attempts.use-case.js'),
      d.signInThrottle(),
      d.staffSessions(),
    ]);
    return new SweepSignInAttempts(throttle, sessions);
  },
  'sign-in': async (d: Dependencies) => {
    const [{ SignIn }, sessions, attempts] = await Promise.all([import('../use-cases/sign-in/sign-in.use-case.js'), d.staffSessions(), d.signInAttempts()]);
    return new SignIn(
      d.config.auth,
      () => d.directoryLogin(),
      () => d.breakGlass(),
      () => d.roleMapping(),
      sessions,
      attempts,
      () => d.alerts(),
      d.loggerFor('SignIn'),
    );
  },
  'authenticate-session': async (d: Dependencies) => {
    const [{ AuthenticateSession }, sessions] = await Promise.all([
      import('../use-cases/authenticate-session/authenticate-session.use-case.js'),
      d.staffSessions(),
    ]);
    return new AuthenticateSession(
      sessions,
      () => d.directoryLogin(),
      () => d.breakGlass(),
      () => d.roleMapping(),
    );
  },
  'sign-out': async (d: Dependencies) => {
    const [{ SignOut }, sessions] = await Promise.all([import('../use-cases/sign-out/sign-out.use-case.js'), d.staffSessions()]);
    return new SignOut(sessions);
  },
  'start-oidc-sign-in': async (d: Dependencies) => {
    const [{ StartOidcSignIn }, pending] = await Promise.all([import('../use-cases/start-oidc-sign-in/start-oidc-sign-in.use-case.js'), d.oidcSignIns()]);
    return new StartOidcSignIn(Boolean(d.config.auth.oidc), () => d.oidcLogin(), pending);
  },
  'finish-oidc-sign-in': async (d: Dependencies) => {
    const [{ FinishOidcSignIn }, pending, sessions, attempts] = await Promise.all([
      import('../use-cases/finish-oidc-sign-in/finish-oidc-sign-in.use-case.js'),
      d.oidcSignIns(),
      d.staffSessions(),
      d.signInAttempts(),
    ]);
    return new FinishOidcSignIn(
      () => d.oidcLogin(),
      pending,
      () => d.roleMapping(),
      sessions,
      attempts,
    );
  },
  'export-personal-data': async (d: Dependencies) => {
    const [{ ExportPersonalData }, gdpr] = await Promise.all([import('../use-cases/export-personal-data/export-personal-data.use-case.js'), d.gdpr()]);
    return new ExportPersonalData(gdpr);
  },
  'erase-personal-data': async (d: Dependencies) => {
    const [{ ErasePersonalData }, gdpr] = await Promise.all([import('../use-cases/erase-personal-data/erase-personal-data.use-case.js'), d.gdpr()]);
    return new ErasePersonalData(gdpr);
  },
  'verify-trail': async (d: Dependencies) => {
    const [{ VerifyTrail }, { TrailVerifier, FileCheckpointPublisher }, store, keys, pinned, published] = await Promise.all([
      import('../use-cases/verify-trail/verify-trail.use-case.js'),
      import('#vigie/trail'),
      d.trailStore(),
      d.trailKeys(),
      d.pinnedPublicKeys(),
      d.publishedCheckpoints(),
    ]);
    return new VerifyTrail(new TrailVerifier(store, keys, { pinned, published }), (file) => new FileCheckpointPublisher(file));
  },
  'trail-verification-status': async (d: Dependencies) => {
    const [{ TrailVerificationStatusQuery }, { TrailVerifier }, store, keys, pinned, published] = await Promise.all([
      import('../use-cases/trail-verification-status/trail-verification-status.use-case.js'),
      import('#vigie/trail'),
      d.trailStore(),
      d.trailKeys(),
      d.pinnedPublicKeys(),
      d.publishedCheckpoints(),
    ]);
    return new TrailVerificationStatusQuery(new TrailVerifier(store, keys, { pinned, published }), store);
  },
  'export-trail': async (d: Dependencies) => {
    const [{ ExportTrail }, { TrailExportService }, store, keys, publication] = await Promise.all([
      import('../use-cases/export-trail/export-trail.use-case.js'),
      import('#vigie/trail'),
      d.trailStore(),
      d.trailKeys(),
      d.checkpointPublication(),
    ]);
    return new ExportTrail(new TrailExportService(store, keys, publication));
  },
  'checkpoint-trail': async (d: Dependencies) => {
    const [{ CheckpointTrail }, { TrailCheckpointService }, store, keys, lock, publication] = await Promise.all([
      import('../use-cases/checkpoint-trail/checkpoint-trail.use-case.js'),
      import('#vigie/trail'),
      d.trailStore(),
      d.trailKeys(),
      d.jobLock(),
      d.checkpointPublication(),
    ]);
    return new CheckpointTrail(new TrailCheckpointService(store, keys, publication), lock);
  },
  'rotate-trail-key': async (d: Dependencies) => {
    const [{ RotateTrailKey }, { TrailCheckpointService }, store, keys, uow, publication] = await Promise.all([
      import('../use-cases/rotate-trail-key/rotate-trail-key.use-case.js'),
      import('#vigie/trail'),
      d.trailStore(),
      d.trailKeys(),
      d.unitOfWork(),
      d.checkpointPublication(),
    ]);
    return new RotateTrailKey(keys, uow, new TrailCheckpointService(store, keys, publication));
  },
  'list-checkpoints': async (d: Dependencies) => {
    const [{ ListCheckpoints }, store] = await Promise.all([import('../use-cases/list-checkpoints/list-checkpoints.use-case.js'), d.trailStore()]);
    return new ListCheckpoints(store);
  },
  'prune-trail': async (d: Dependencies) => {
    const [{ PruneTrail }, { TrailPruneService }, store, keys, writer, lock, publication] = await Promise.all([
      import('../use-cases/prune-trail/prune-trail.use-case.js'),
      import('#vigie/trail'),
      d.trailStore(),
      d.trailKeys(),
      d.trailWriter(),
      d.jobLock(),
      d.checkpointPublication(),
    ]);
    return new PruneTrail(new TrailPruneService(store, keys, writer, d.config.trail.retention, publication), lock);
  },
  'query-trail': async (d: Dependencies) => {
    const [{ QueryTrail }, { TrailQueryService }, store] = await Promise.all([
      import('../use-cases/query-trail/query-trail.use-case.js'),
      import('#vigie/trail'),
      d.trailStore(),
    ]);
    return new QueryTrail(new TrailQueryService(store));
  },
  'hash-password': async () => new (await import('../use-cases/hash-password/hash-password.use-case.js')).HashPassword(),
  'generate-trail-keys': async () => new (await import('../use-cases/generate-trail-keys/generate-trail-keys.use-case.js')).GenerateTrailKeys(),
  'validate-policy': async (d: Dependencies) =>
    new (await import('../use-cases/validate-policy/validate-policy.use-case.js')).ValidatePolicy(d.config, () => d.snapshots()),
  'test-policy': async (d: Dependencies) => new (await import('../use-cases/test-policy/test-policy.use-case.js')).TestPolicy(d.config),
  'simulate-policy': async (d: Dependencies) =>
    new (await import('../use-cases/simulate-policy/simulate-policy.use-case.js')).SimulatePolicy(d.config, () => d.snapshots()),
  'policy-status': async (d: Dependencies) => {
    const [{ PolicyStatusQuery }, store] = await Promise.all([import('../use-cases/policy-status/policy-status.use-case.js'), d.policyStore()]);
    return new PolicyStatusQuery(d.config, store);
  },
  'decide-access-request': async (d: Dependencies) => {
    // The queue is started first: the unit of work's `jobs` needs it (the decision's outbox).
    const [{ DecideAccessRequest }, uow, people] = await Promise.all([
      import('../use-cases/decide-access-request/decide-access-request.use-case.js'),
      d.jobQueue().then(() => d.unitOfWork()),
      requestPeople(d),
    ]);
    return new DecideAccessRequest(uow, people);
  },
  'list-access-requests': async (d: Dependencies) => {
    const [{ ListAccessRequests }, store, people] = await Promise.all([
      import('../use-cases/list-access-requests/list-access-requests.use-case.js'),
      d.requestStore(),
      requestPeople(d),
    ]);
    return new ListAccessRequests(store, people);
  },
  'show-access-request': async (d: Dependencies) => {
    const [{ ShowAccessRequest }, store] = await Promise.all([import('../use-cases/show-access-request/show-access-request.use-case.js'), d.requestStore()]);
    return new ShowAccessRequest(store);
  },
  'cancel-access-request': async (d: Dependencies) => {
    const [{ CancelAccessRequest }, uow, people] = await Promise.all([
      import('../use-cases/cancel-access-request/cancel-access-request.use-case.js'),
      d.jobQueue().then(() => d.unitOfWork()),
      requestPeople(d),
    ]);
    return new CancelAccessRequest(uow, people);
  },
  'delegate-approvals': async (d: Dependencies) => {
    const [{ DelegateApprovals }, uow, people] = await Promise.all([
      import('../use-cases/delegate-approvals/delegate-approvals.use-case.js'),
      d.unitOfWork(),
      requestPeople(d),
    ]);
    return new DelegateApprovals(uow, people);
  },
  'notify-access-request': async (d: Dependencies) => {
    const [{ NotifyAccessRequest }, { SnapshotPeople }, { normalizeDn }, requests, snapshots, notifier] = await Promise.all([
      import('../use-cases/notify-access-request/notify-access-request.use-case.js'),
      import('../use-cases/notify-access-request/snapshot-people.js'),
      import('#vigie/directory'),
      d.requestStore(),
      d.snapshots(),
      d.requestNotifier(),
    ]);
    const people = new SnapshotPeople(snapshots, normalizeDn);
    return new NotifyAccessRequest({ requests, people: (keys) => people.byKeys(keys), notifier, publicUrl: d.config.http.publicUrl ?? null });
  },
  'receive-hr-event': (d: Dependencies) => receiveHrEvent(d),
  'receive-hr-webhook': async (d: Dependencies) => {
    const [{ ReceiveHrWebhook }, receive, attempts] = await Promise.all([
      import('../use-cases/receive-hr-webhook/receive-hr-webhook.use-case.js'),
      receiveHrEvent(d),
      d.signInAttempts(),
    ]);
    return new ReceiveHrWebhook(d.config.hr.webhook, receive, attempts, d.loggerFor('ReceiveHrWebhook'));
  },
  'receive-bamboohr-webhook': async (d: Dependencies) => {
    const [{ ReceiveBambooHrWebhook }, receive, attempts] = await Promise.all([
      import('../use-cases/receive-bamboohr-webhook/receive-bamboohr-webhook.use-case.js'),
      receiveHrEvent(d),
      d.signInAttempts(),
    ]);
    const { bamboohr, webhook } = d.config.hr;
    return new ReceiveBambooHrWebhook(
      { webhookKey: bamboohr?.webhookKey, toleranceSeconds: webhook.toleranceSeconds, maxBodyBytes: webhook.maxBodyBytes },
      receive,
      attempts,
      d.loggerFor('ReceiveBambooHrWebhook'),
    );
  },
  'search-identities': async (d: Dependencies) => {
    const [{ SearchIdentities }, accounts] = await Promise.all([import('../use-cases/search-identities/search-identities.use-case.js'), d.accountSearch()]);
    return new SearchIdentities(accounts);
  },
  'show-identity': async (d: Dependencies) => {
    const [{ ShowIdentity }, access, findings, requests, hrEvents] = await Promise.all([
      import('../use-cases/show-identity/show-identity.use-case.js'),
      d.effectiveAccess(),
      d.findingsQuery(),
      d.requestStore(),
      d.hrEventStore(),
    ]);
    return new ShowIdentity(access, findings, requests, hrEvents);
  },
  'list-resources': async (d: Dependencies) => {
    const [{ ListResources }, access] = await Promise.all([import('../use-cases/list-resources/list-resources.use-case.js'), d.effectiveAccess()]);
    return new ListResources(access);
  },
  'show-resource': async (d: Dependencies) => {
    const [{ ShowResource }, access] = await Promise.all([import('../use-cases/show-resource/show-resource.use-case.js'), d.effectiveAccess()]);
    return new ShowResource(access);
  },
  'show-policy': async (d: Dependencies) => {
    const [{ ShowPolicy }, { PolicyStatusQuery }, store] = await Promise.all([
      import('../use-cases/show-policy/show-policy.use-case.js'),
      import('../use-cases/policy-status/policy-status.use-case.js'),
      d.policyStore(),
    ]);
    return new ShowPolicy(new PolicyStatusQuery(d.config, store));
  },
  'list-directory-changes': async (d: Dependencies) => {
    const [{ ListDirectoryChanges }, history] = await Promise.all([
      import('../use-cases/list-directory-changes/list-directory-changes.use-case.js'),
      d.directoryChangeHistory(),
    ]);
    return new ListDirectoryChanges(history);
  },
  'list-sync-runs': async (d: Dependencies) => {
    const [{ ListSyncRuns }, history] = await Promise.all([import('../use-cases/list-sync-runs/list-sync-runs.use-case.js'), d.directoryChangeHistory()]);
    return new ListSyncRuns(history);
  },
  'list-hr-events': async (d: Dependencies) => {
    const [{ ListHrEvents }, store] = await Promise.all([import('../use-cases/list-hr-events/list-hr-events.use-case.js'), d.hrEventStore()]);
    return new ListHrEvents(store);
  },
  'replay-hr-event': async (d: Dependencies) => {
    const [{ ReplayHrEvent }, uow] = await Promise.all([
      import('../use-cases/replay-hr-event/replay-hr-event.use-case.js'),
      d.jobQueue().then(() => d.unitOfWork()),
    ]);
    return new ReplayHrEvent(uow, d.config.hr.retries);
  },
  'apply-hr-event': async (d: Dependencies) => {
    const [{ ApplyHrEvent }, uow, directory, delivery] = await Promise.all([
      import('../use-cases/apply-hr-event/apply-hr-event.use-case.js'),
      d.jobQueue().then(() => d.unitOfWork()),
      d.directoryWriter(),
      d.passwordDelivery(),
    ]);
    const { hr } = d.config;
    return new ApplyHrEvent(
      uow,
      { directory, world: () => d.hrWorld(), delivery, details: await hrDetailsSourceOf(d), approvedRequestsOf: approvedRequestsOf(d) },
      {
        directory: hr.directory,
        loginPattern: hr.loginPattern,
        loginMaxLength: hr.loginMaxLength,
        mailDomain: hr.mailDomain,
        retries: hr.retries,
        timeZone: d.config.scheduler.timezone,
      },
    );
  },
  'run-hr-follow-up': async (d: Dependencies) => {
    const [{ RunHrFollowUp }, uow, directory] = await Promise.all([
      import('../use-cases/run-hr-follow-up/run-hr-follow-up.use-case.js'),
      d.jobQueue().then(() => d.unitOfWork()),
      d.directoryWriter(),
    ]);
    return new RunHrFollowUp(uow, directory);
  },
  'sweep-hr-events': async (d: Dependencies) => {
    const [{ SweepHrEvents }, uow] = await Promise.all([
      import('../use-cases/sweep-hr-events/sweep-hr-events.use-case.js'),
      d.jobQueue().then(() => d.unitOfWork()),
    ]);
    return new SweepHrEvents(uow, d.config.hr.retries);
  },
  'check-readiness': async (d: Dependencies) =>
    new (await import('../use-cases/check-readiness/check-readiness.use-case.js')).CheckReadiness(() => d.database()),
} satisfies Record<string, (d: Dependencies) => Promise<UseCase<z.ZodType, unknown>>>;

export type UseCaseName = keyof typeof USE_CASES;

/** The HR API of a vendor for notification-only events, when one is configured (none: such events are dead). */
async function hrDetailsSourceOf(d: Dependencies): Promise<HrDetailsSource | undefined> {
  return (await d.hrDetailsSource()) ?? undefined;
}

/** The approved access requests whose membership an account still holds (a mover's, flagged for review). */
function approvedRequestsOf(d: Dependencies) {
  return async (directory: string, memberDn: string): Promise<string[]> => {
    const memberships = await (await d.requestStore()).approvedMemberships(new Date());
    const dn = memberDn.toLowerCase();
    return memberships.filter((m) => m.directory === directory && m.memberDn.toLowerCase() === dn).map((m) => m.requestId);
  };
}

/** HR events received: by the receivers' own use cases (the signed webhook) as by SCIM and vendor adapters. */
async function receiveHrEvent(d: Dependencies) {
  // The queue is started first: the unit of work's `jobs` (the event due now) needs it.
  const [{ ReceiveHrEvent }, { recent }, uow] = await Promise.all([
    import('../use-cases/receive-hr-event/receive-hr-event.use-case.js'),
    import('../use-cases/shared/requesting.js'),
    d.jobQueue().then(() => d.unitOfWork()),
  ]);
  const { hr, scheduler } = d.config;
  // The policy kept a few seconds: a burst of events (a whole intake of joiners) must not read its files for each one.
  const settings = recent(() => d.hrSettings(), 5_000);
  return new ReceiveHrEvent({ directory: hr.directory, timeZone: scheduler.timezone, retries: hr.retries }, settings, uow);
}

/** People found by login in the configured directories' latest snapshots (the command line's `as`, a deputy). */
async function requestPeople(d: Dependencies) {
  const { RequestPeople } = await import('../use-cases/shared/request-callers.js');
  return new RequestPeople(
    () => d.snapshots(),
    d.config.directories.map((x) => x.name),
  );
}

/**
 * SCIM's writes: each an HR event received by receive-hr-event inside the write's own unit of work (the use case is
 * given a unit of work that is the caller's transaction), so that the event and the person's new data land together.
 */
async function scimUserWrites(d: Dependencies) {
  const [{ ScimUserWrites }, { ReceiveHrEvent }, { describeInputIssues }, uow] = await Promise.all([
    import('../scim/scim-user-writes.js'),
    import('../use-cases/receive-hr-event/receive-hr-event.use-case.js'),
    import('./input-issues.js'),
    // The queue is started first: the unit of work's `jobs` (the hr.apply job) needs it.
    d.jobQueue().then(() => d.unitOfWork()),
  ]);
  const { hr, scheduler } = d.config;
  const config = { directory: hr.directory, timeZone: scheduler.timezone, retries: hr.retries };
  return new ScimUserWrites(uow, async () => {
    // Read before the write's transaction: loading the policy writes on a connection of its own.
    const settings = config.directory ? await d.hrSettings() : null;
    return async (tx, event) => {
      const parsed = ReceiveHrEvent.definition.input.safeParse(event);
      if (!parsed.success) {
        const details = describeInputIssues(parsed.error);
        throw new VigieError('invalid-input', details.join('; '), { details });
      }
      const inTransaction = { run: <T>(work: (t: typeof tx) => Promise<T>) => work(tx) };
      return new ReceiveHrEvent(config, async () => settings!, inTransaction).execute(parsed.data);
    };
  });
}

/**
 * The use cases that may run with no database at all (an LDIF export audited offline, policy files checked): the
 * others have theirs opened as soon as they are asked for, while their modules load (PostgreSQL starts a process for
 * the connection meanwhile).
 */
export const WITHOUT_DATABASE: ReadonlySet<UseCaseName> = new Set<UseCaseName>([
  'audit-ldif-export',
  'generate-trail-keys',
  'hash-password',
  'validate-policy',
  'test-policy',
  'simulate-policy',
]);
type Built<N extends UseCaseName> = Awaited<ReturnType<(typeof USE_CASES)[N]>>;
/** What a caller gives a use case: its schema's input (parsed by `vigie.run`). */
export type UseCaseInput<N extends UseCaseName> = Built<N> extends UseCase<infer S, unknown> ? z.input<S> : never;
/** What a use case answers. */
export type UseCaseOutput<N extends UseCaseName> = Built<N> extends UseCase<z.ZodType, infer O> ? O : never;
