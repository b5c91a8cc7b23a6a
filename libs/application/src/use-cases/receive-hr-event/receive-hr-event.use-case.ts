import { randomUUID } from 'node:crypto';
import { type UnitOfWork, VigieError } from '#vigie/common';
import { type HrEvent, type HrEventStatus, type HrPerson, type HrSettings, departmentKey, pendingHrEvent } from '#vigie/hr';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { type HrRetries, type HrTransaction, enqueueApply, hrEntry } from '../shared/hr-transaction.js';
import { effectiveTimeOf } from './effective-time.js';
import { type ReceiveHrEventInput, receiveHrEventInput } from './receive-hr-event.input.js';

export interface ReceiveHrEventConfig {
  /** config hr.directory: without it, no event is taken (nothing could ever apply it). */
  directory: string | undefined;
  /** config scheduler.timezone: where an effective day starts. */
  timeZone: string;
  retries: HrRetries;
}

export interface ReceivedHrEvent {
  id: string;
  eventId: string;
  status: HrEventStatus;
  /** The same (source, eventId) was already there: nothing was written, the stored event is answered. */
  duplicate: boolean;
  effectiveAt: Date;
}

/**
 * An HR event arrives (the signed webhook, SCIM, a vendor adapter): checked, then stored with the person when first
 * seen and its trail entry, and handed to the worker when it is due already, in one unit of work. The directory is
 * never asked: the answer must not depend on it being up. The same event twice has one effect.
 */
export class ReceiveHrEvent implements UseCase<typeof receiveHrEventInput, ReceivedHrEvent> {
  // No ability: the receivers run it as the system, after checking their own credentials (signature, SCIM token).
  static readonly definition: UseCaseDefinition<typeof receiveHrEventInput> = { name: 'receive-hr-event', input: receiveHrEventInput };
  readonly definition = ReceiveHrEvent.definition;

  constructor(
    private readonly config: ReceiveHrEventConfig,
    private readonly settings: () => Promise<HrSettings>,
    private readonly uow: UnitOfWork<HrTransaction>,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = randomUUID,
  ) {}

  async execute(input: ReceiveHrEventInput): Promise<ReceivedHrEvent> {
    if (!this.config.directory) {
      throw new VigieError(
        'unavailable',
        'HR events are not taken: no directory is set for them; set hr.directory in the configuration to the ldap or ad directory where joiners get their accounts',
      );
    }
    await this.checkDepartment(input);
    const now = this.now();
    const event = pendingHrEvent(
      {
        id: this.newId(),
        source: input.source,
        eventId: input.eventId,
        type: input.type,
        effectiveAt: effectiveTimeOf(input.effectiveDate, input.immediate, this.config.timeZone, now, input.type),
        immediate: input.immediate,
        person: input.person,
        cancels: input.cancels,
        fetchDetails: input.fetchDetails,
      },
      now,
    );
    return this.uow.run(async ({ hr, trail, jobs }) => {
      const stored = await hr.insert(event);
      if (stored.duplicate) return answer(stored.event, true);
      await this.ensurePerson(hr, event, input.userName, now);
      await trail.record(
        hrEntry(event, {
          action: 'hr-event.received',
          after: {
            source: event.source,
            eventId: event.eventId,
            type: event.type,
            effectiveAt: event.effectiveAt.toISOString(),
            immediate: event.immediate,
            cancels: event.cancels,
            fetchDetails: event.fetchDetails,
            person: event.person,
          },
        }),
      );
      if (event.effectiveAt <= now) await enqueueApply(jobs, event, this.config.retries);
      return answer(event, false);
    });
  }

  /** A hire, a move or an update that names a department names one the policy maps to an OU (Settings hr.departments). */
  private async checkDepartment(input: ReceiveHrEventInput): Promise<void> {
    const department = input.person.department;
    if (department === null || !['hire', 'move', 'update'].includes(input.type)) return;
    const { departments } = await this.settings();
    if (departments.has(departmentKey(department))) return;
    const known = [...departments.values()].map((d) => d.name);
    const message = `person.department: unknown department "${department}": ${
      known.length ? `the policy knows ${known.join(', ')}` : 'the policy maps no department to an OU yet (settings hr.departments), so no joiner can be placed'
    }; add it to the policy's settings hr.departments, or send one of these`;
    throw new VigieError('invalid-input', message, { details: [message] });
  }

  /**
   * The person's row, made at their first event (the SCIM id SCIM will know them by, the data as this event gives it);
   * the worker merges later events into it. Two first events of one person at once: the second finds the first's row.
   */
  private async ensurePerson(hr: HrTransaction['hr'], event: HrEvent, userName: string | null, now: Date): Promise<void> {
    if (await hr.getPerson(event.person.employeeId)) return;
    const person: HrPerson = {
      employeeId: event.person.employeeId,
      scimId: this.newId(),
      userName,
      data: event.person,
      active: true,
      account: null,
      leaverGroups: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    try {
      await hr.savePerson(person);
    } catch (err) {
      if (!(err instanceof VigieError && err.kind === 'conflict' && (await hr.getPerson(person.employeeId)))) throw err;
    }
  }
}

function answer(event: HrEvent, duplicate: boolean): ReceivedHrEvent {
  return { id: event.id, eventId: event.eventId, status: event.status, duplicate, effectiveAt: event.effectiveAt };
}
