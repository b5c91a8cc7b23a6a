import { type Staff, type StaffRole, personKey } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { SnapshotStore } from '#vigie/identity';
import type { AccessRequest, AccessRequestStore, PersonRef } from '#vigie/requests';
import type { Actor } from '../../use-case.js';

/** Finds people by login in the latest snapshots of the configured directories: the command line's `as`, a deputy. */
export class RequestPeople {
  constructor(
    private readonly snapshots: () => Promise<Pick<SnapshotStore, 'find' | 'records'>>,
    private readonly directories: readonly string[],
  ) {}

  async byLogin(login: string): Promise<PersonRef> {
    const store = await this.snapshots();
    const found: PersonRef[] = [];
    for (const directory of this.directories) {
      const refs = (await store.find(directory, { logins: [login.toLowerCase()] })).filter((r) => r.table === 'account');
      if (!refs.length) continue;
      const { accounts } = await store.records(directory, { account: refs.map((r) => r.dnNorm), group: [], object: [] });
      for (const a of accounts) {
        found.push({
          key: personKey({ directory, dn: a.dn }),
          directory,
          dn: a.dn,
          login: a.login,
          name: a.displayName,
          mail: a.mail,
          employeeId: a.employeeId,
        });
      }
    }
    if (found.length === 1) return found[0]!;
    if (!found.length) throw new VigieError('not-found', `no account has the login ${JSON.stringify(login)} in the directories' latest snapshots`);
    throw new VigieError('conflict', `the login ${JSON.stringify(login)} names accounts in several directories (${found.map((p) => p.directory).join(', ')})`);
  }
}

/**
 * Who acts on a request: a person signed in, with their roles; or the command line's operator naming the person with
 * `as`, who is then taken to hold every role (the operator holds the database anyway: the trail says it was them).
 */
export interface RequestCaller {
  person: PersonRef;
  /** The staff member signed in; null for the command line. */
  staff: Staff | null;
}

/** The caller as a person; a token (automation) acts for nobody, and `as` belongs to the command line only. */
export async function requestCallerOf(actor: Actor, as: string | undefined, people: Pick<RequestPeople, 'byLogin'>): Promise<RequestCaller> {
  if (actor.type === 'system') {
    if (!as) throw new VigieError('invalid-input', 'as: name the person the command line acts for, by login (--as)');
    return { person: await people.byLogin(as), staff: null };
  }
  if (as !== undefined) throw new VigieError('invalid-input', 'as: only the command line names the person it acts for');
  if (actor.type === 'token' || !actor.person) {
    throw new VigieError('forbidden', 'access requests are made and decided by people: sign in with a directory account (an API token acts for nobody)');
  }
  const { directory, dn, login } = actor.person;
  return { person: { key: personKey(actor.person), directory, dn, login: login ?? null, name: actor.name, mail: null, employeeId: null }, staff: actor };
}

export function holds(caller: RequestCaller, role: StaffRole): boolean {
  return caller.staff === null || caller.staff.roles.includes(role);
}

/** The facts abilities look at. */
export function factsOf(r: AccessRequest) {
  return { requester: r.requester.key, beneficiary: r.beneficiary.key, beneficiaryManager: r.beneficiaryManager, resourceOwners: [...r.resourceOwners] };
}

/**
 * The approver of the current stage the caller decides for: null when the stage is theirs (or a security officer's),
 * else the first approver of the stage who delegated to them and whose delegation is in force; undefined when neither.
 */
export async function onBehalfOf(r: AccessRequest, caller: RequestCaller, store: Pick<AccessRequestStore, 'delegationsTo'>, at: Date) {
  const stage = r.currentStage === null ? undefined : r.stages[r.currentStage];
  if (!stage || stage.kind === 'security-officer' || stage.approvers.includes(caller.person.key)) return null;
  const delegations = await store.delegationsTo(caller.person.key, at);
  return delegations.find((d) => stage.approvers.includes(d.delegator))?.delegator;
}

/** A 'not-found' for a request the caller may not see as for one that does not exist: the answer tells nothing. */
export function noSuchRequest(id: string): VigieError {
  return new VigieError('not-found', `no access request has the id ${id}`);
}
