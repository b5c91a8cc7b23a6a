import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as z from 'zod';
import { STAFF_ROLES, type StaffRole, abilitiesFor, allowsEveryRecord } from '#vigie/access-control';
import { configSchema } from '#vigie/config';
import { SILENT_LOGGER } from '#vigie/logging';
import type { UseCase, UseCaseClass } from '../use-case.js';
import { Dependencies } from './dependencies.js';
import { USE_CASES, type UseCaseName } from './use-case-registry.js';

const USE_CASES_DIR = fileURLToPath(new URL('../use-cases', import.meta.url));
/** Folders beside the use cases that hold what several of them share. */
const NOT_USE_CASES = ['shared'];

/**
 * Who may run each use case with an API token: the roles whose abilities (libs/access-control/src/staff-abilities.ts)
 * allow what the use case declares. None: system actors only (the command line, the scheduler, the API itself).
 * Exact roles rather than "some role". A token carries no person: the conditional abilities of approvers and employees
 * (their reports, their own access) never apply to one.
 */
const TOKEN_ROLES: Record<UseCaseName, StaffRole[]> = {
  'sync-directories': [],
  'run-audit': ['admin', 'security-officer'],
  'audit-ldif-export': [],
  'decide-on-finding': ['security-officer'],
  'list-findings': ['admin', 'security-officer', 'auditor'],
  'show-finding': ['admin', 'security-officer', 'auditor'],
  'build-compliance-report': ['admin', 'security-officer', 'auditor'],
  'generate-report': ['security-officer'],
  'list-reports': ['admin', 'security-officer', 'auditor'],
  'download-report': ['admin', 'security-officer', 'auditor'],
  'show-dashboard': ['admin', 'security-officer', 'auditor'],
  'explain-access': ['admin', 'security-officer', 'auditor'],
  'identity-access': ['admin', 'security-officer', 'auditor'],
  'resource-access': ['admin', 'security-officer', 'auditor'],
  'periodic-statistics': ['admin', 'security-officer', 'auditor'],
  'read-operational-gauges': ['admin', 'security-officer'],
  'create-token': ['admin'],
  'revoke-token': ['admin'],
  'list-tokens': ['admin'],
  // A person asks for access (themself, or a manager for a report): a token is nobody, and asks for nothing.
  'access-catalogue': [],
  'create-access-request': [],
  'list-failed-jobs': [],
  'retry-job': [],
  'provision-access': [],
  'remove-access': [],
  'sweep-access-requests': [],
  // A person's decision (a security officer, an owner of the resource): never a token's.
  'revoke-access-grant': [],
  'authenticate-token': [],
  // SCIM's routes run these as the system once the SCIM token is checked: no staff token opens SCIM.
  'authenticate-scim-token': [],
  'write-scim-user': [],
  'read-scim-users': [],
  'run-scim-bulk': [],
  'describe-scim-service': [],
  'sign-in': [],
  'authenticate-session': [],
  'sign-out': [],
  'start-oidc-sign-in': [],
  'finish-oidc-sign-in': [],
  'export-personal-data': [],
  'erase-personal-data': [],
  'verify-trail': ['admin', 'security-officer', 'auditor'],
  'export-trail': ['admin', 'security-officer', 'auditor'],
  'checkpoint-trail': [],
  'rotate-trail-key': [],
  'list-checkpoints': ['admin', 'security-officer', 'auditor'],
  'prune-trail': [],
  'sweep-sign-in-attempts': [],
  'query-trail': ['admin', 'security-officer', 'auditor'],
  'generate-trail-keys': [],
  'hash-password': [],
  'validate-policy': [],
  'test-policy': [],
  'simulate-policy': [],
  'policy-status': [],
  'check-readiness': [],
  'decide-access-request': [],
  'list-access-requests': ['admin', 'security-officer', 'auditor'],
  'show-access-request': ['admin', 'security-officer', 'auditor'],
  'cancel-access-request': [],
  'delegate-approvals': [],
  'notify-access-request': [],
  // The HR system's events: the receivers (signed webhook, SCIM, vendor adapters) run it as the system, never a token.
  'receive-hr-event': [],
  'apply-hr-event': [],
  'run-hr-follow-up': [],
  'sweep-hr-events': [],
  // Authenticated by its HMAC signature alone: no token opens it.
  'receive-hr-webhook': [],
  // Authenticated by the signature of BambooHR's webhook key alone: no token opens it.
  'receive-bamboohr-webhook': [],
  'list-hr-events': ['admin', 'security-officer'],
  'search-identities': ['admin', 'security-officer', 'auditor'],
  'show-identity': ['admin', 'security-officer', 'auditor'],
  'list-resources': ['admin', 'security-officer', 'auditor'],
  'show-resource': ['admin', 'security-officer', 'auditor'],
  'show-policy': ['admin', 'security-officer', 'auditor'],
  'list-directory-changes': ['admin', 'security-officer', 'auditor'],
  'list-sync-runs': ['admin', 'security-officer', 'auditor'],
  'trail-verification-status': ['admin', 'security-officer', 'auditor'],
  'replay-hr-event': ['admin'],
};

/**
 * Adapters that are never used: each factory of the registry gets an empty object for each service it asks for,
 * which is enough to construct its use case (constructors keep their dependencies, they call none).
 */
function hollowDependencies(): Dependencies {
  const real = new Dependencies(configSchema.parse({}), () => SILENT_LOGGER);
  return new Proxy(real, {
    get(target, key, receiver) {
      if (key === 'config' || key === 'loggerFor') return Reflect.get(target, key, receiver);
      return () => Promise.resolve({});
    },
  });
}

describe('USE_CASES', () => {
  const names = Object.keys(USE_CASES) as UseCaseName[];
  let built: Map<UseCaseName, UseCase<z.ZodType, unknown>>;

  beforeAll(async () => {
    const d = hollowDependencies();
    built = new Map();
    // One at a time: jest's ESM loader fails on concurrent first imports of one module ("request for 'zod' is not in cache").
    for (const name of names) built.set(name, await (USE_CASES[name] as (d: Dependencies) => Promise<UseCase<z.ZodType, unknown>>)(d));
  });

  it('names each use case as the use case names itself', () => {
    for (const name of names) expect([name, built.get(name)!.definition.name]).toEqual([name, name]);
  });

  it('gives each use case the definition its class declares, known before it is built', () => {
    for (const name of names) {
      const useCase = built.get(name)!;
      expect([name, useCase.definition]).toEqual([name, (useCase.constructor as UseCaseClass<z.ZodType, unknown>).definition]);
    }
  });

  it('lists every use case folder, and every use case it lists has a folder with its handler and its spec', () => {
    const folders = readdirSync(USE_CASES_DIR, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !NOT_USE_CASES.includes(e.name))
      .map((e) => e.name);
    expect([...folders].sort()).toEqual([...names].sort());
    for (const name of names) {
      expect([name, existsSync(`${USE_CASES_DIR}/${name}/${name}.use-case.ts`), existsSync(`${USE_CASES_DIR}/${name}/${name}.use-case.spec.ts`)]).toEqual([
        name,
        true,
        true,
      ]);
    }
  });

  it('lets each role run with a token exactly the use cases its abilities allow', () => {
    const allowed = Object.fromEntries(
      names.map((name) => {
        const ability = built.get(name)!.definition.ability;
        return [name, ability ? STAFF_ROLES.filter((role) => allowsEveryRecord(abilitiesFor(role), ability[0], ability[1])) : []];
      }),
    );
    expect(allowed).toEqual(TOKEN_ROLES);
  });
});
