import { anHrPersonData } from '#vigie/hr/testing';
import { midnightIn } from '../receive-hr-event/effective-time.js';
import { notificationPlan } from './notification-plan.js';

describe('notificationPlan', () => {
  const now = new Date('2027-01-10T09:00:00Z');
  const plan = (type: 'hire' | 'update', over: Parameters<typeof anHrPersonData>[0]) =>
    notificationPlan({ type, effectiveAt: now }, anHrPersonData(over), 'Europe/Paris', now);

  it('makes a hire whose fetched start day is still to come wait for that day, and applies one whose day has come', () => {
    expect(plan('hire', { startDate: '2027-02-01' })).toEqual({
      kind: 'wait',
      type: 'hire',
      effectiveAt: midnightIn(2027, 2, 1, 'Europe/Paris'),
      reason: 'the person starts on 2027-02-01',
    });
    expect(plan('hire', { startDate: '2027-01-04' })).toBeNull();
  });

  it("turns an update whose person's last working day has passed into their leave", () => {
    expect(plan('update', { endDate: '2027-01-08' })).toMatchObject({
      kind: 'become-leave',
      type: 'leave',
      effectiveAt: midnightIn(2027, 1, 9, 'Europe/Paris'),
    });
  });

  it('schedules the leave of a person whose last working day is to come, at the end of that day', () => {
    expect(plan('update', { endDate: '2027-01-31' })).toEqual({
      kind: 'schedule-leave',
      type: 'leave',
      effectiveAt: midnightIn(2027, 2, 1, 'Europe/Paris'),
      reason: "the person's last working day is 2027-01-31",
    });
  });

  it('leaves an update without an end day as it is', () => {
    expect(plan('update', { endDate: null })).toBeNull();
  });
});
