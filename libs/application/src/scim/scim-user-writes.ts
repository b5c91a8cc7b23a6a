import { randomUUID } from 'node:crypto';
import type { UnitOfWork } from '#vigie/common';
import type { HrEventType, HrPerson, HrPersonData, NewHrEvent } from '#vigie/hr';
import type { HrTransaction } from '../use-cases/shared/hr-transaction.js';
import { ScimError } from './scim-error.js';
import type { ScimUser } from './scim-user.js';
import { employeeIdOf, hrEventTypeOf, hrPersonDataOf, pendingView, scimUserOf } from './scim-user.mapping.js';
import { patchScimUser, readScimUser } from './scimmy.js';

/** receive-hr-event's work, in the transaction of the caller: the event stored, its trail entry and its job. */
export type ReceiveInTransaction = (tx: HrTransaction, event: NewHrEvent) => Promise<unknown>;

/**
 * Readies receive-hr-event for one write: what it reads outside any transaction (the policy's HR settings, whose
 * loading writes) is read first, then each event is received in the write's transaction.
 */
export type HrEventReceiver = () => Promise<ReceiveInTransaction>;

/**
 * What a SCIM client's writes do: each becomes an HR event received as the webhook's are (source `scim`, an event id of
 * its own per request), in one unit of work with what else it changes. The person's data stay what the worker applied
 * (the worker compares each event with them: a mover's old department); the client reads the events not applied yet
 * over them (pendingView), so it reads back what it wrote at once.
 */
export class ScimUserWrites {
  constructor(
    private readonly uow: UnitOfWork<HrTransaction>,
    private readonly receiver: HrEventReceiver,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {}

  /** POST /Users: a hire when active (a person kept inactive, with no event, otherwise). */
  async create(body: unknown): Promise<HrPerson> {
    const user = readScimUser(body);
    const employeeId = employeeIdOf(user);
    if (!employeeId) {
      throw new ScimError(
        'invalid-input',
        'invalidValue',
        'the user has no externalId nor enterprise employeeNumber: Vigie needs the employee id in one of them (map it in the provisioning client)',
      );
    }
    const receive = await this.receiver();
    return this.uow.run(async (tx) => {
      const existing = await tx.hr.getPersonForUpdate(employeeId);
      if (existing) throw new ScimError('conflict', 'uniqueness', `a user with externalId ${employeeId} exists already (id ${existing.scimId})`);
      await this.userNameFree(tx, user.userName, null);
      const data = hrPersonDataOf(user, employeeId, await this.managerOf(tx, user.manager));
      // receive-hr-event makes the person at their first event, with the userName it is given.
      if (user.active) await receive(tx, this.event('hire', data, user.userName));
      const made = await tx.hr.getPersonForUpdate(employeeId);
      if (made) return made;
      const at = this.now();
      const person: HrPerson = {
        employeeId,
        scimId: this.newId(),
        userName: user.userName,
        data,
        active: false,
        account: null,
        leaverGroups: [],
        createdAt: at,
        updatedAt: at,
        version: 1,
      };
      await this.trailed(tx, person, ['created inactive']);
      return tx.hr.savePerson(person);
    });
  }

  /** PUT /Users/:id: the whole user replaced. */
  replace(id: string, body: unknown): Promise<HrPerson> {
    const user = readScimUser(body);
    return this.change(id, async () => user);
  }

  /** PATCH /Users/:id: the operations applied to the user as Vigie knows it. */
  patch(id: string, body: unknown): Promise<HrPerson> {
    return this.change(id, (current) => patchScimUser(current, body));
  }

  /** DELETE /Users/:id: an immediate leave; the person stays, inactive (a rehire is a PATCH active true). */
  async remove(id: string): Promise<void> {
    const receive = await this.receiver();
    await this.uow.run(async (tx) => {
      const person = await this.personFor(tx, id);
      const view = pendingView(person, await tx.hr.openFor(person.employeeId));
      if (view.active) await receive(tx, this.event('leave', view.data, person.userName));
    });
  }

  private async change(id: string, next: (current: ScimUser) => Promise<ScimUser>): Promise<HrPerson> {
    const receive = await this.receiver();
    return this.uow.run(async (tx) => {
      let person = await this.personFor(tx, id);
      const view = pendingView(person, await tx.hr.openFor(person.employeeId));
      const manager = view.data.managerEmployeeId ? await tx.hr.getPerson(view.data.managerEmployeeId) : null;
      const user = await next(scimUserOf({ ...person, ...view }, manager?.scimId ?? null));
      const employeeId = employeeIdOf(user);
      if (employeeId && employeeId !== person.employeeId) {
        throw new ScimError(
          'invalid-input',
          'mutability',
          `externalId (and employeeNumber) is the employee id ${person.employeeId}, which does not change: ${employeeId} would be another person`,
        );
      }
      await this.userNameFree(tx, user.userName, person.employeeId);
      const data = hrPersonDataOf(user, person.employeeId, await this.managerOf(tx, user.manager), view.data);
      const type = hrEventTypeOf(view, { data, active: user.active });
      if (type) await receive(tx, this.event(type, data, user.userName));
      const changed = changedFields(view.data, data);
      if (user.userName !== person.userName || (!type && changed.length)) {
        // What no event carries: a new userName, or what changes while the person is away (their rehire carries it).
        person = (await tx.hr.getPersonForUpdate(person.employeeId)) ?? person;
        const saved: HrPerson = { ...person, userName: user.userName, data: type ? person.data : data, updatedAt: this.now() };
        await this.trailed(tx, person, [...(user.userName !== person.userName ? ['userName'] : []), ...(type ? [] : changed)]);
        return tx.hr.savePerson(saved);
      }
      return (await tx.hr.getPersonForUpdate(person.employeeId)) ?? person;
    });
  }

  /** The person of a SCIM id, locked until the transaction ends. */
  private async personFor(tx: HrTransaction, id: string): Promise<HrPerson> {
    const found = await tx.hr.getPersonByScimId(id);
    const person = found && (await tx.hr.getPersonForUpdate(found.employeeId));
    if (!person) throw new ScimError('not-found', null, `no user has the id ${id}`);
    return person;
  }

  private async userNameFree(tx: HrTransaction, userName: string, employeeId: string | null): Promise<void> {
    const { items } = await tx.hr.findPersons({ userName, startIndex: 1, count: 2 });
    const other = items.find((p) => p.employeeId !== employeeId);
    if (other) throw new ScimError('conflict', 'uniqueness', `the userName ${userName} is another user's (id ${other.scimId})`);
  }

  /** manager.value is the manager's SCIM id (RFC 7643 §4.3); a value no user has is taken as their employee id. */
  private async managerOf(tx: HrTransaction, value: string | null): Promise<string | null> {
    if (!value) return null;
    return (await tx.hr.getPersonByScimId(value))?.employeeId ?? value;
  }

  private event(type: HrEventType, person: HrPersonData, userName: string | null): NewHrEvent {
    return {
      source: 'scim',
      eventId: `scim:${this.newId()}`,
      type,
      effectiveDate: this.now().toISOString(),
      immediate: type === 'leave',
      person,
      userName,
    };
  }

  /** A change of the person that no HR event's trail entry tells: its own entry, naming the fields (not their values). */
  private trailed(tx: HrTransaction, person: HrPerson, fields: string[]): Promise<unknown> {
    return tx.trail.record({
      action: 'hr-person.scim-updated',
      target: { type: 'hr-person', id: person.employeeId },
      subjects: [{ employeeId: person.employeeId, login: person.account?.login ?? null, directory: person.account?.directory ?? null }],
      after: { fields },
    });
  }
}

function changedFields(before: HrPersonData, after: HrPersonData): string[] {
  return (Object.keys(after) as Array<keyof HrPersonData>).filter((k) => (before[k] ?? null) !== (after[k] ?? null));
}
