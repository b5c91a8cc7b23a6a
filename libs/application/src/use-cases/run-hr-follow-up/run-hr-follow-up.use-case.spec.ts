import { randomUUID } from 'node:crypto';
import type { HrFollowUp } from '#vigie/hr';
import { anHrPerson } from '#vigie/hr/testing';
import { HR_GROUPS, HR_OUS, hrApplyWorld } from '../../testing/index.js';
import { RunHrFollowUp } from './run-hr-follow-up.use-case.js';

const NOW = new Date('2027-03-01T08:00:00Z');
const DN = `uid=elodie.delafontaine,${HR_OUS.sales}`;

function setup(over: Partial<HrFollowUp> = {}) {
  const w = hrApplyWorld();
  const followUp: HrFollowUp = {
    id: randomUUID(),
    kind: 'remove-groups',
    employeeId: 'E5001',
    eventId: randomUUID(),
    dueAt: new Date('2027-02-01T00:00:00Z'),
    directory: 'corp',
    dn: DN,
    groups: [HR_GROUPS.finance],
    status: 'scheduled',
    lastError: null,
    doneAt: null,
    ...over,
  };
  w.store.followUps.set(followUp.id, followUp);
  w.store.persons.set('E5001', anHrPerson({ account: { directory: 'corp', dn: DN, login: 'elodie.delafontaine' } }));
  void w.directory.addMember('corp', HR_GROUPS.finance, DN);
  void w.directory.addMember('corp', HR_GROUPS.sales, DN);
  return { ...w, followUp, sut: new RunHrFollowUp(w.uow, w.directory, () => NOW) };
}

describe(RunHrFollowUp.name, () => {
  it('removes the old role groups once due, and says so in the trail', async () => {
    const t = setup();
    await expect(t.sut.execute({ followUpId: t.followUp.id })).resolves.toEqual({
      followUpId: t.followUp.id,
      status: 'done',
      outcomes: { [HR_GROUPS.finance]: 'removed' },
    });
    expect(await t.directory.listGroupsOf('corp', DN)).toEqual([HR_GROUPS.sales]);
    expect(t.store.followUps.get(t.followUp.id)).toMatchObject({ status: 'done', doneAt: NOW });
    expect(t.trail.actions).toEqual(['hr-follow-up.done']);
  });

  it('leaves a cancelled or not yet due follow-up alone', async () => {
    const cancelled = setup({ status: 'cancelled' });
    await expect(cancelled.sut.execute({ followUpId: cancelled.followUp.id })).resolves.toMatchObject({ status: 'cancelled', outcomes: {} });
    const early = setup({ dueAt: new Date('2027-04-01T00:00:00Z') });
    await early.sut.execute({ followUpId: early.followUp.id });
    expect(await early.directory.listGroupsOf('corp', DN)).toHaveLength(2);
  });

  it('deletes a leaver account after the retention, and forgets it on the person', async () => {
    const t = setup({ kind: 'delete-account', groups: [] });
    await t.directory.createAccount('corp', { parentDn: HR_OUS.sales, login: 'elodie.delafontaine', surname: 'x' });
    await expect(t.sut.execute({ followUpId: t.followUp.id })).resolves.toMatchObject({ status: 'done', outcomes: { [DN]: 'deleted' } });
    expect(t.directory.accounts.size).toBe(0);
    expect(t.store.persons.get('E5001')!.account).toBeNull();
  });

  it('lets the queue try again while the directory is down', async () => {
    const t = setup();
    t.directory.down = true;
    await expect(t.sut.execute({ followUpId: t.followUp.id })).rejects.toMatchObject({ kind: 'unavailable' });
    expect(t.store.followUps.get(t.followUp.id)!.status).toBe('scheduled');
  });
});
