import type * as z from 'zod';
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
  'check-readiness': async (d: Dependencies) =>
    new (await import('../use-cases/check-readiness/check-readiness.use-case.js')).CheckReadiness(() => d.database()),
  // BEGIN api-branch placeholders (issue 16): the access-request use cases are written on other branches; these lines
  // only name their modules and outputs so that the API and the command line compile against them. At the merge, the
  // entries of the branches that write the use cases replace this whole block.
  'access-catalogue': async (d: Dependencies) =>
    new (await import('../use-cases/access-catalogue/access-catalogue.use-case.js')).AccessCatalogue(d) as UseCase<
      typeof import('../use-cases/access-catalogue/access-catalogue.input.js').accessCatalogueInput,
      import('#vigie/requests').CatalogueEntry[]
    >,
  'create-access-request': async (d: Dependencies) =>
    new (await import('../use-cases/create-access-request/create-access-request.use-case.js')).CreateAccessRequest(d) as UseCase<
      typeof import('../use-cases/create-access-request/create-access-request.input.js').createAccessRequestInput,
      import('#vigie/requests').AccessRequest
    >,
  'decide-access-request': async (d: Dependencies) =>
    new (await import('../use-cases/decide-access-request/decide-access-request.use-case.js')).DecideAccessRequest(d) as UseCase<
      typeof import('../use-cases/decide-access-request/decide-access-request.input.js').decideAccessRequestInput,
      import('#vigie/requests').AccessRequest
    >,
  'list-access-requests': async (d: Dependencies) =>
    new (await import('../use-cases/list-access-requests/list-access-requests.use-case.js')).ListAccessRequests(d) as UseCase<
      typeof import('../use-cases/list-access-requests/list-access-requests.input.js').listAccessRequestsInput,
      { items: import('#vigie/requests').AccessRequest[]; nextCursor: string | null }
    >,
  'show-access-request': async (d: Dependencies) =>
    new (await import('../use-cases/show-access-request/show-access-request.use-case.js')).ShowAccessRequest(d) as UseCase<
      typeof import('../use-cases/show-access-request/show-access-request.input.js').showAccessRequestInput,
      import('#vigie/requests').AccessRequest
    >,
  'cancel-access-request': async (d: Dependencies) =>
    new (await import('../use-cases/cancel-access-request/cancel-access-request.use-case.js')).CancelAccessRequest(d) as UseCase<
      typeof import('../use-cases/cancel-access-request/cancel-access-request.input.js').cancelAccessRequestInput,
      import('#vigie/requests').AccessRequest
    >,
  'revoke-access-grant': async (d: Dependencies) =>
    new (await import('../use-cases/revoke-access-grant/revoke-access-grant.use-case.js')).RevokeAccessGrant(d) as UseCase<
      typeof import('../use-cases/revoke-access-grant/revoke-access-grant.input.js').revokeAccessGrantInput,
      import('#vigie/requests').AccessRequest
    >,
  'delegate-approvals': async (d: Dependencies) =>
    new (await import('../use-cases/delegate-approvals/delegate-approvals.use-case.js')).DelegateApprovals(d) as UseCase<
      typeof import('../use-cases/delegate-approvals/delegate-approvals.input.js').delegateApprovalsInput,
      import('#vigie/requests').Delegation
    >,
  // END api-branch placeholders
} satisfies Record<string, (d: Dependencies) => Promise<UseCase<z.ZodType, unknown>>>;

export type UseCaseName = keyof typeof USE_CASES;

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
