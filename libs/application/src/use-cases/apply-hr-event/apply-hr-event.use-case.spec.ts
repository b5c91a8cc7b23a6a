import { anHrEvent, anHrPerson, anHrPersonData } from '#vigie/hr/testing';
import type { HrEvent, HrPersonData } from '#vigie/hr';
import { midnightIn } from '../receive-hr-event/effective-time.js';
import { HR_GROUPS, HR_OUS, hrApplyWorld } from '../../testing/index.js';
import { ApplyHrEvent } from './apply-hr-event.use-case.js';

const CONFIG = { directory: 'corp', loginPattern: '{first}.{last}', loginMaxLength: 20, mailDomain: 'acme.test', retries: { limit: 3, delaySeconds: 1 } };
const NOW = new Date('2027-01-04T08:00:00Z');

function setup(fetched?: Partial<HrPersonData>) {
  const w = hrApplyWorld();
  let now = NOW;
  // The HR system's API of a notification-only event: the person as it holds them now.
  const details = fetched ? { fetch: async (_source: string, employeeId: string) => anHrPersonData({ employeeId, ...fetched }) } : undefined;
  const sut = new ApplyHrEvent(w.uow, { directory: w.directory, world: async () => w.world, delivery: w.delivery, details }, CONFIG, () => now);
  const add = (over: Partial<HrEvent> = {}) => {
    const event = anHrEvent({ effectiveAt: NOW, receivedAt: NOW, ...over });
    w.store.events.set(event.id, event);
    return event;
  };
  const run = (event: HrEvent, retryCount = 0) => sut.execute({ eventId: event.id, retryCount });
  return { ...w, sut, add, run, event: (id: string) => w.store.events.get(id)!, at: (d: Date) => (now = d) };
}

describe(ApplyHrEvent.name, () => {
  describe('a hire', () => {
    it('creates the account in the department OU with its login, password, manager and birthright groups', async () => {
      const t = setup();
      const e = t.add();
      await expect(t.run(e)).resolves.toEqual({ eventId: e.id, status: 'done' });
      const account = t.directory.byLogin('elodie.delafontaine')!;
      expect(account.dn).toBe(`uid=elodie.delafontaine,${HR_OUS.finance}`);
      expect(account.enabled).toBe(true);
      expect(account.attributes).toMatchObject({ title: 'Comptable', department: 'Finance', mail: 'elodie.delafontaine@acme.test' });
      expect(t.directory.passwords.get(account.dn.toLowerCase())).toEqual({ count: 1, mustChange: true });
      expect(t.delivered).toEqual([{ login: 'elodie.delafontaine', managerMail: null, length: 20 }]);
      expect(await t.directory.listGroupsOf('corp', account.dn)).toEqual([HR_GROUPS.all, HR_GROUPS.finance]);
      expect(t.store.persons.get('E5001')!.account).toEqual({ directory: 'corp', dn: account.dn, login: 'elodie.delafontaine' });
      expect(t.event(e.id).actions.map((a) => a.kind)).toEqual([
        'account-created',
        'account-updated',
        'password-set',
        'account-enabled',
        'password-delivered',
        'group-added',
        'group-added',
      ]);
      expect(t.trail.actions).toContain('hr-event.account-created');
      expect(t.trail.actions.at(-1)).toBe('hr-event.done');
    });

    it('never puts the password in the trail, the event or the person', async () => {
      const t = setup();
      const e = t.add();
      let seen = '';
      t.directory.setPassword = async (_d, _dn, password) => void (seen = password);
      await t.run(e);
      expect(seen).toHaveLength(20);
      expect(JSON.stringify([t.trail.inputs, [...t.store.events.values()], [...t.store.persons.values()], t.jobs])).not.toContain(seen);
    });

    it('gives the second Jean Martin jean.martin2', async () => {
      const t = setup();
      const first = t.add({ person: anHrPersonData({ employeeId: 'E1', firstName: 'Jean', lastName: 'Martin', mail: null }) });
      const second = t.add({ person: anHrPersonData({ employeeId: 'E2', firstName: 'Jean', lastName: 'Martin', mail: null }) });
      await t.run(first);
      await t.run(second);
      expect(t.directory.byLogin('jean.martin')!.employeeId).toBe('E1');
      expect(t.directory.byLogin('jean.martin2')!.employeeId).toBe('E2');
      expect(t.directory.byLogin('jean.martin2')!.attributes.mail).toBe('jean.martin2@acme.test');
    });

    it('applied twice, makes one account', async () => {
      const t = setup();
      const e = t.add();
      await t.run(e);
      await expect(t.run(e)).resolves.toMatchObject({ status: 'done', skipped: 'it is done' });
      expect(t.directory.accounts.size).toBe(1);
    });

    it('retried after the worker died between the add and its record, finds its account and goes on', async () => {
      const t = setup();
      const e = t.add();
      t.directory.crashAfterCreate = true;
      await expect(t.run(e)).rejects.toMatchObject({ kind: 'unavailable' });
      expect(t.event(e.id).status).toBe('retrying');
      await expect(t.run(e, 1)).resolves.toMatchObject({ status: 'done' });
      expect(t.directory.accounts.size).toBe(1);
      expect(t.event(e.id).actions[0]).toMatchObject({ kind: 'account-created', outcome: 'found' });
    });

    it('waits for a manager without an account, then sets them', async () => {
      const t = setup();
      const e = t.add({ person: anHrPersonData({ managerEmployeeId: 'E9' }) });
      await expect(t.run(e)).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringContaining('the manager E9 has no account yet') });
      expect(t.event(e.id)).toMatchObject({ status: 'retrying', lastError: { kind: 'unavailable' } });
      expect(t.directory.accounts.size).toBe(0);
      t.store.persons.set(
        'E9',
        anHrPerson({
          employeeId: 'E9',
          account: { directory: 'corp', dn: 'uid=boss,ou=people,dc=acme,dc=test', login: 'boss' },
          data: anHrPersonData({ employeeId: 'E9', mail: 'boss@acme.test' }),
        }),
      );
      await expect(t.run(e, 1)).resolves.toMatchObject({ status: 'done' });
      expect(t.directory.byLogin('elodie.delafontaine')!.attributes.managerDn).toBe('uid=boss,ou=people,dc=acme,dc=test');
      expect(t.delivered[0]!.managerMail).toBe('boss@acme.test');
    });

    it('finds a manager Vigie did not create by their employee id in the directory', async () => {
      const t = setup();
      await t.directory.createAccount('corp', { parentDn: HR_OUS.finance, login: 'old.boss', surname: 'Boss', employeeId: 'E8', mail: 'old.boss@acme.test' });
      const e = t.add({ person: anHrPersonData({ managerEmployeeId: 'E8' }) });
      await expect(t.run(e)).resolves.toMatchObject({ status: 'done' });
      expect(t.directory.byLogin('elodie.delafontaine')!.attributes.managerDn).toBe(`uid=old.boss,${HR_OUS.finance}`);
      expect(t.delivered[0]!.managerMail).toBe('old.boss@acme.test');
    });

    it('is dead once the tries run out, and the job ends normally', async () => {
      const t = setup();
      const e = t.add();
      t.directory.down = true;
      await expect(t.run(e, 3)).resolves.toEqual({ eventId: e.id, status: 'dead' });
      expect(t.event(e.id)).toMatchObject({ status: 'dead', lastError: { kind: 'unavailable' } });
      expect(t.trail.actions).toContain('hr-event.dead');
    });

    it('is dead at once for a department the policy does not map, naming it', async () => {
      const t = setup();
      const e = t.add({ person: anHrPersonData({ department: 'Marketing' }) });
      await expect(t.run(e)).resolves.toMatchObject({ status: 'dead' });
      expect(t.event(e.id).lastError!.message).toContain('"Marketing" has no OU');
      expect(t.directory.accounts.size).toBe(0);
    });

    it('is dead when the details must be fetched and no HR API is configured', async () => {
      const t = setup();
      const e = t.add({ fetchDetails: true });
      await expect(t.run(e)).resolves.toMatchObject({ status: 'dead' });
      expect(t.event(e.id).lastError!.message).toContain('no HR API is configured');
    });

    it('waits for its effective date', async () => {
      const t = setup();
      const e = t.add({ effectiveAt: new Date('2027-02-01T00:00:00Z') });
      await expect(t.run(e)).resolves.toMatchObject({ status: 'pending', skipped: 'not due yet' });
      expect(t.directory.accounts.size).toBe(0);
    });

    it('records the birthright groups no directory entry matches', async () => {
      const t = setup();
      const e = t.add({ person: anHrPersonData({ title: 'Auditeur' }) });
      await t.run(e);
      expect(t.event(e.id).actions.find((a) => a.kind === 'skipped')!.outcome).toContain('GG-Audit');
    });
  });

  describe('a notification (only an employee id, the person fetched from the HR API)', () => {
    const notice = (type: HrEvent['type']) => ({
      type,
      fetchDetails: true,
      person: { ...anHrPersonData(), firstName: null, lastName: null, department: null },
    });

    it('applies a hire with the fetched person, and keeps what was fetched on the event', async () => {
      const t = setup({ startDate: '2027-01-04' });
      const e = t.add(notice('hire'));
      await expect(t.run(e)).resolves.toEqual({ eventId: e.id, status: 'done' });
      expect(t.directory.byLogin('elodie.delafontaine')).toBeDefined();
      expect(t.event(e.id).person).toMatchObject({ firstName: 'Élodie', department: 'Finance' });
    });

    it('makes a hire whose fetched start day is to come wait for it, with nothing written in the directory', async () => {
      const t = setup({ startDate: '2027-02-01' });
      const e = t.add(notice('hire'));
      await expect(t.run(e)).resolves.toMatchObject({ status: 'pending', skipped: 'not due yet' });
      expect(t.event(e.id)).toMatchObject({ type: 'hire', status: 'pending', effectiveAt: midnightIn(2027, 2, 1, 'Europe/Paris') });
      expect(t.directory.accounts.size).toBe(0);
      expect(t.trail.actions).toContain('hr-event.rescheduled');
    });

    it("applies as a leave an update whose person's last working day has passed", async () => {
      const t = setup();
      await t.run(t.add());
      const fetching = setup({ endDate: '2027-01-03' });
      Object.assign(fetching.store, { events: t.store.events, persons: t.store.persons, followUps: t.store.followUps });
      Object.assign(fetching.directory, { accounts: t.directory.accounts });
      const e = fetching.add(notice('update'));
      await expect(fetching.run(e)).resolves.toMatchObject({ status: 'done' });
      expect(fetching.event(e.id).type).toBe('leave');
      expect(t.store.persons.get('E5001')).toMatchObject({ active: false });
    });

    it('applies an update now and stores the leave of a last working day to come as its own event, once', async () => {
      const t = setup({ endDate: '2027-03-31', title: 'Cheffe comptable' });
      await t.run(t.add());
      const first = t.add(notice('update'));
      await t.run(first);
      await t.run(t.add(notice('update')));
      expect(t.event(first.id)).toMatchObject({ type: 'update', status: 'done' });
      expect(t.directory.byLogin('elodie.delafontaine')!.attributes).toMatchObject({ title: 'Cheffe comptable' });
      const leaves = [...t.store.events.values()].filter((x) => x.type === 'leave');
      expect(leaves).toHaveLength(1);
      expect(leaves[0]).toMatchObject({ status: 'pending', eventId: 'leave:E5001:2027-03-31', effectiveAt: midnightIn(2027, 4, 1, 'Europe/Paris') });
    });
  });

  describe('a move', () => {
    async function hired() {
      const t = setup();
      await t.run(t.add());
      return t;
    }

    it('moves the account, adds the new groups now and schedules the old ones removal after the grace', async () => {
      const t = await hired();
      const e = t.add({ type: 'move', person: { ...anHrPersonData(), department: 'Ventes', title: 'Commercial' } });
      await expect(t.run(e)).resolves.toMatchObject({ status: 'done' });
      const dn = `uid=elodie.delafontaine,${HR_OUS.sales}`;
      expect(t.directory.byLogin('elodie.delafontaine')!.dn).toBe(dn);
      expect((await t.directory.listGroupsOf('corp', dn)).sort()).toEqual([HR_GROUPS.all, HR_GROUPS.finance, HR_GROUPS.sales].sort());
      const [followUp] = [...t.store.followUps.values()];
      expect(followUp).toMatchObject({ kind: 'remove-groups', groups: [HR_GROUPS.finance], dn, dueAt: new Date('2027-02-03T08:00:00Z') });
      expect(t.store.persons.get('E5001')!.data).toMatchObject({ department: 'Ventes', title: 'Commercial' });
      // What G-MOVER reads through the HR feed: when, and the role before.
      expect(t.store.persons.get('E5001')!.moved).toEqual({ at: NOW, previousDepartment: 'Finance', previousTitle: 'Comptable' });
    });

    it('flags access granted by request for review', async () => {
      const t = setup();
      const sut = new ApplyHrEvent(
        t.uow,
        { directory: t.directory, world: async () => t.world, delivery: t.delivery, approvedRequestsOf: async () => ['r-1', 'r-2'] },
        CONFIG,
        () => NOW,
      );
      await sut.execute({ eventId: t.add().id, retryCount: 0 });
      const e = t.add({ type: 'move', person: { ...anHrPersonData(), department: 'Ventes' } });
      await sut.execute({ eventId: e.id, retryCount: 0 });
      expect(t.event(e.id).actions.find((a) => a.kind === 'flagged-for-review')!.outcome).toBe('access requests r-1, r-2');
      expect(t.trail.actions).toContain('hr-event.flagged-for-review');
    });

    it('is dead for a person without an account', async () => {
      const t = setup();
      const e = t.add({ type: 'update', person: anHrPersonData({ title: 'Chef' }) });
      await expect(t.run(e)).resolves.toMatchObject({ status: 'dead' });
    });
  });

  describe('a leave and its cancel', () => {
    it('disables, removes the groups (kept on the person), moves to the leavers OU and schedules the deletion', async () => {
      const t = setup();
      await t.run(t.add());
      const leave = t.add({ type: 'leave', person: anHrPersonData({ endDate: '2027-06-30' }) });
      await expect(t.run(leave)).resolves.toMatchObject({ status: 'done' });
      const account = t.directory.byLogin('elodie.delafontaine')!;
      expect(account).toMatchObject({ enabled: false, dn: `uid=elodie.delafontaine,${HR_OUS.leavers}` });
      expect(await t.directory.listGroupsOf('corp', account.dn)).toEqual([]);
      const person = t.store.persons.get('E5001')!;
      expect(person).toMatchObject({ active: false, leaverGroups: [HR_GROUPS.all, HR_GROUPS.finance], leftAt: NOW });
      expect([...t.store.followUps.values()]).toEqual([expect.objectContaining({ kind: 'delete-account', dueAt: new Date('2027-04-04T08:00:00Z') })]);

      const cancel = t.add({ type: 'cancel', cancels: leave.eventId, person: anHrPersonData() });
      await expect(t.run(cancel)).resolves.toMatchObject({ status: 'done' });
      const back = t.directory.byLogin('elodie.delafontaine')!;
      expect(back).toMatchObject({ enabled: true, dn: `uid=elodie.delafontaine,${HR_OUS.finance}` });
      expect((await t.directory.listGroupsOf('corp', back.dn)).sort()).toEqual([HR_GROUPS.all, HR_GROUPS.finance].sort());
      expect([...t.store.followUps.values()][0]!.status).toBe('cancelled');
      expect(t.store.persons.get('E5001')).toMatchObject({ active: true, leaverGroups: [], leftAt: null });
      expect(t.trail.actions).toEqual(expect.arrayContaining(['hr-event.follow-up-cancelled', 'hr-event.account-enabled']));
    });

    it('brings a rehired leaver back: moved to the department OU, enabled, a new password, the birthright groups', async () => {
      const t = setup();
      await t.run(t.add());
      await t.run(t.add({ type: 'leave' }));
      const rehire = t.add();
      await expect(t.run(rehire)).resolves.toMatchObject({ status: 'done' });
      const account = t.directory.byLogin('elodie.delafontaine')!;
      expect(account).toMatchObject({ enabled: true, dn: `uid=elodie.delafontaine,${HR_OUS.finance}` });
      expect(t.directory.accounts.size).toBe(1);
      expect((await t.directory.listGroupsOf('corp', account.dn)).sort()).toEqual([HR_GROUPS.all, HR_GROUPS.finance].sort());
      expect(t.store.persons.get('E5001')).toMatchObject({ active: true });
    });

    it('cancels a leave not applied yet', async () => {
      const t = setup();
      const leave = t.add({ type: 'leave', effectiveAt: new Date('2027-06-30T00:00:00Z') });
      const cancel = t.add({ type: 'cancel', cancels: leave.eventId });
      await expect(t.run(cancel)).resolves.toMatchObject({ status: 'done' });
      expect(t.event(leave.id).status).toBe('cancelled');
      expect(t.trail.actions).toContain('hr-event.cancelled');
    });

    it('refuses to undo a hire', async () => {
      const t = setup();
      const hire = t.add();
      await t.run(hire);
      const cancel = t.add({ type: 'cancel', cancels: hire.eventId });
      await expect(t.run(cancel)).resolves.toMatchObject({ status: 'dead' });
      expect(t.event(cancel.id).lastError!.message).toContain('only an applied leave can be undone');
    });
  });
});
