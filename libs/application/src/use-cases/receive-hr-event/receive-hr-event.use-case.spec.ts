import { HR_QUEUES, type NewHrEvent, hrSettingsOf } from '#vigie/hr';
import { anHrPerson, anHrPersonData } from '#vigie/hr/testing';
import { hrEventsWorld, parsedBy, refusalsOf } from '../../testing/index.js';
import { midnightIn } from './effective-time.js';
import { receiveHrEventInput } from './receive-hr-event.input.js';
import { ReceiveHrEvent } from './receive-hr-event.use-case.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const settings = hrSettingsOf({ hr: { departments: { Finance: 'OU=Finance,DC=acme,DC=test', 'Ressources Humaines': 'OU=RH,DC=acme,DC=test' } } });
const config = { directory: 'corp', timeZone: 'Europe/Paris', retries: { limit: 5, delaySeconds: 30 } };

const hire = (over: Record<string, unknown> = {}, person: Record<string, unknown> = {}) => ({
  source: 'webhook' as const,
  eventId: 'evt-1',
  type: 'hire' as const,
  effectiveDate: '2027-01-04',
  person: { employeeId: 'E5001', firstName: 'Élodie', lastName: 'de La Fontaine', department: 'Finance', mail: 'elodie@acme.fr', ...person },
  ...over,
});

describe(ReceiveHrEvent.name, () => {
  const setup = (cfg: Partial<typeof config> = {}, seed: Parameters<typeof hrEventsWorld>[0] = {}) => {
    const world = hrEventsWorld(seed);
    let n = 0;
    const sut = new ReceiveHrEvent(
      { ...config, ...cfg },
      async () => settings,
      world.uow,
      () => NOW,
      () => `00000000-0000-4000-8000-00000000000${++n}`,
    );
    const run = (input: Record<string, unknown>) => sut.execute(parsedBy(receiveHrEventInput, input as never));
    return { ...world, sut, run };
  };

  it('stores a future hire with its person and trail entry, and asks the worker nothing before its day', async () => {
    const { run, store, trail, jobs } = setup();
    const answer = await run(hire({ userName: 'Elodie@acme.fr' }));
    const effectiveAt = new Date('2027-01-03T23:00:00Z'); // 00:00 in Paris, winter time
    expect(answer).toEqual({ id: '00000000-0000-4000-8000-000000000001', eventId: 'evt-1', status: 'pending', duplicate: false, effectiveAt });
    const stored = store.events.get(answer.id)!;
    expect(stored).toMatchObject({ source: 'webhook', type: 'hire', status: 'pending', attempts: 0, version: 1, receivedAt: NOW, effectiveAt });
    expect(stored.person).toEqual({
      employeeId: 'E5001',
      firstName: 'Élodie',
      lastName: 'de La Fontaine',
      mail: 'elodie@acme.fr',
      department: 'Finance',
      title: null,
      managerEmployeeId: null,
      site: null,
      employeeType: null,
      startDate: null,
      endDate: null,
    });
    expect(store.persons.get('E5001')).toMatchObject({
      scimId: '00000000-0000-4000-8000-000000000002',
      userName: 'Elodie@acme.fr',
      active: true,
      account: null,
    });
    expect(trail.actions).toEqual(['hr-event.received']);
    expect(trail.inputs[0]).toMatchObject({ target: { type: 'hr-event', id: answer.id }, subjects: [{ employeeId: 'E5001' }] });
    expect(jobs).toEqual([]);
  });

  it('hands an event due now to the worker, once per version, with the configured retries', async () => {
    const { run, jobs } = setup();
    const answer = await run(hire({ effectiveDate: '2026-12-01' }));
    expect(jobs).toEqual([
      {
        name: HR_QUEUES.apply,
        payload: { eventId: answer.id },
        options: { singletonKey: `hr:${answer.id}:1`, retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true },
      },
    ]);
  });

  it('applies an immediate leave now, and a date and time as given', async () => {
    const { run } = setup();
    const leave = await run({
      source: 'webhook',
      eventId: 'evt-2',
      type: 'leave',
      effectiveDate: '2027-03-31',
      immediate: true,
      person: { employeeId: 'E5001' },
    });
    expect(leave.effectiveAt).toEqual(NOW);
    const timed = await run(hire({ eventId: 'evt-3', effectiveDate: '2027-01-04T08:30:00+01:00' }));
    expect(timed.effectiveAt).toEqual(new Date('2027-01-04T07:30:00Z'));
  });

  it('answers the stored event for the same event twice, and writes nothing more', async () => {
    const { run, store, trail, jobs } = setup();
    const first = await run(hire({ effectiveDate: '2026-12-01' }));
    const again = await run(hire({ effectiveDate: '2026-12-01' }, { firstName: 'Autre' }));
    expect(again).toEqual({ ...first, duplicate: true });
    expect(store.events.size).toBe(1);
    expect(trail.actions).toEqual(['hr-event.received']);
    expect(jobs).toHaveLength(1);
  });

  it('keeps a person already known as they are', async () => {
    const known = anHrPerson({ employeeId: 'E5001', userName: 'old', version: 3 });
    const { run, store } = setup({}, { persons: [known] });
    await run(hire({ userName: 'new' }));
    expect(store.persons.get('E5001')).toEqual(known);
  });

  it('refuses a department the policy does not map, naming those it knows, and stores nothing', async () => {
    const { run, store } = setup();
    await expect(run(hire({}, { department: 'Marketing' }))).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringMatching(/^person\.department: unknown department "Marketing": the policy knows Finance, Ressources Humaines/),
    });
    expect(store.events.size).toBe(0);
    // Compared without case or accents.
    await expect(run(hire({}, { department: 'ressources humaines' }))).resolves.toMatchObject({ status: 'pending' });
  });

  it('refuses every event while hr.directory is not set, saying to set it', async () => {
    const { run, store } = setup({ directory: undefined });
    await expect(run(hire())).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('set hr.directory') });
    expect(store.events.size).toBe(0);
  });

  it('computes 00:00 in the timezone across the DST change', () => {
    expect(midnightIn(2027, 7, 1, 'Europe/Paris')).toEqual(new Date('2027-06-30T22:00:00Z'));
    expect(midnightIn(2027, 3, 28, 'Europe/Paris')).toEqual(new Date('2027-03-27T23:00:00Z'));
    expect(midnightIn(2027, 1, 4, 'UTC')).toEqual(new Date('2027-01-04T00:00:00Z'));
    expect(midnightIn(2027, 1, 4, 'America/New_York')).toEqual(new Date('2027-01-04T05:00:00Z'));
  });
});

describe('receive-hr-event input', () => {
  it('names the field at fault: missing, wrong type, malformed date, unknown field', () => {
    expect(refusalsOf(receiveHrEventInput, { source: 'webhook', type: 'hire', effectiveDate: '2027-01-04', person: { employeeId: 'E1' } })).toContain(
      'eventId: required',
    );
    expect(refusalsOf(receiveHrEventInput, hire({ eventId: 42 }))).toEqual(['eventId: expected a text, not a number']);
    expect(refusalsOf(receiveHrEventInput, hire({ effectiveDate: '2027-02-30' }))[0]).toMatch(/^effectiveDate: expected a date of the calendar/);
    expect(refusalsOf(receiveHrEventInput, hire({ effectiveDate: '04/01/2027' }))[0]).toMatch(/^effectiveDate: /);
    expect(refusalsOf(receiveHrEventInput, hire({ effectiveDate: '2027-01-04T08:00:00' }))[0]).toMatch(/^effectiveDate: /);
    expect(refusalsOf(receiveHrEventInput, hire({}, { startDate: '2027-13-01' }))[0]).toMatch(/^person\.startDate: expected a date of the calendar/);
    expect(refusalsOf(receiveHrEventInput, hire({ colour: 'blue' }))).toEqual(['unknown field(s) colour']);
    expect(refusalsOf(receiveHrEventInput, hire({}, { salary: 1 }))).toEqual(['person: unknown field(s) salary']);
    expect(refusalsOf(receiveHrEventInput, hire({ type: 'fire' }))).toEqual(['type: expected one of hire, update, move, leave, cancel']);
    expect(refusalsOf(receiveHrEventInput, hire({ person: 'E1' }))[0]).toMatch(/^person: expected an object/);
    expect(refusalsOf(receiveHrEventInput, 'not an object')[0]).toMatch(/^expected a JSON object/);
  });

  it('bounds the lengths and refuses control characters', () => {
    expect(refusalsOf(receiveHrEventInput, hire({ eventId: 'x'.repeat(201) }))).toEqual(['eventId: expected at most 200 characters']);
    expect(refusalsOf(receiveHrEventInput, hire({ eventId: '' }))).toEqual(['eventId: expected a non-empty text']);
    expect(refusalsOf(receiveHrEventInput, hire({}, { lastName: 'x'.repeat(101) }))).toEqual(['person.lastName: expected at most 100 characters']);
    expect(refusalsOf(receiveHrEventInput, hire({}, { firstName: 'Jean\nDN: cn=admin' }))[0]).toMatch(/^person\.firstName: contains a control character/);
    expect(refusalsOf(receiveHrEventInput, hire({}, { firstName: 'a\u202eb' }))[0]).toMatch(/control character/);
    expect(refusalsOf(receiveHrEventInput, hire({}, { mail: 'not a mail' }))[0]).toMatch(/^person\.mail: expected a mail address/);
  });

  it('asks what each type needs: a cancel its target, a hire the names and department, a move the department', () => {
    expect(refusalsOf(receiveHrEventInput, hire({ type: 'cancel' }))).toEqual(['cancels: required for a cancel: the eventId of the event it cancels']);
    expect(refusalsOf(receiveHrEventInput, hire({ cancels: 'evt-0' }))).toEqual(['cancels: only a cancel names an event it cancels']);
    expect(refusalsOf(receiveHrEventInput, hire({ immediate: true }))).toEqual(['immediate: only a leave is applied at once']);
    expect(refusalsOf(receiveHrEventInput, hire({}, { firstName: null, department: undefined }))).toEqual([
      'person.firstName: required for a hire',
      'person.department: required for a hire',
    ]);
    expect(refusalsOf(receiveHrEventInput, hire({ type: 'move' }, { department: null }))).toEqual(['person.department: required for a move']);
    // A notification carrying only the employee id: the worker fetches the rest.
    expect(parsedBy(receiveHrEventInput, { ...hire({ fetchDetails: true }), person: { employeeId: 'E1' } }).person.firstName).toBeNull();
  });

  it('takes a NewHrEvent as the receivers build it (SCIM, vendor adapters: their type is its input)', () => {
    const event: NewHrEvent = {
      source: 'scim',
      eventId: 'scim-1',
      type: 'update',
      effectiveDate: '2026-12-07',
      person: anHrPersonData(),
      userName: 'e@acme.fr',
    };
    expect(parsedBy(receiveHrEventInput, event)).toMatchObject({ ...event, immediate: false, cancels: null, fetchDetails: false });
  });

  it('trims the texts it keeps', () => {
    expect(parsedBy(receiveHrEventInput, hire({}, { firstName: '  Loïc ' })).person.firstName).toBe('Loïc');
  });
});
