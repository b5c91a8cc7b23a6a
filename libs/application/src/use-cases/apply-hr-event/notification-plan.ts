import type { HrEvent, HrEventType, HrPersonData } from '#vigie/hr';
import { effectiveTimeOf } from '../receive-hr-event/effective-time.js';

/**
 * What a notification (an event received with only an employee id) turns out to be once the person's data is fetched,
 * when that differs from what was guessed:
 * - wait: a hire whose start day is still to come waits for that day;
 * - become-leave: an update whose person's last working day has passed is their leave (BambooHR says "updated" for a
 *   termination);
 * - schedule-leave: an update whose person has a last working day to come is applied now, and their leave is scheduled
 *   at the end of that day as an event of its own (a fixed-term contract's end, a notice period).
 */
export type NotificationPlan = { kind: 'wait' | 'become-leave' | 'schedule-leave'; type: HrEventType; effectiveAt: Date; reason: string } | null;

export function notificationPlan(event: Pick<HrEvent, 'type' | 'effectiveAt'>, data: HrPersonData, timeZone: string, now: Date): NotificationPlan {
  const at = (day: string, type: HrEventType) => effectiveTimeOf(day, false, timeZone, now, type);
  if (event.type === 'hire' && data.startDate) {
    const start = at(data.startDate, 'hire');
    if (start > now) return { kind: 'wait', type: 'hire', effectiveAt: start, reason: `the person starts on ${data.startDate}` };
  }
  if ((event.type === 'update' || event.type === 'move') && data.endDate) {
    const end = at(data.endDate, 'leave');
    const reason = `the person's last working day is ${data.endDate}`;
    return end <= now ? { kind: 'become-leave', type: 'leave', effectiveAt: end, reason } : { kind: 'schedule-leave', type: 'leave', effectiveAt: end, reason };
  }
  return null;
}
