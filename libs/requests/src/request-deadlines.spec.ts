import { deadlinesOf, dueAt } from './request-deadlines.js';
import { anAccessRequest } from './testing/index.js';

const opened = new Date('2026-12-01T09:00:00Z');
const hours = (n: number) => new Date(opened.getTime() + n * 3_600_000);
const settings = { reminderHours: 48, escalationHours: 120 };

describe('request deadlines', () => {
  it('does nothing before the reminder is due', () => {
    const request = anAccessRequest({ createdAt: opened });
    expect(deadlinesOf(request, settings, hours(47))).toEqual({ request, steps: [] });
  });

  it('reminds the current stage once, after reminderHours', () => {
    const { request, steps } = deadlinesOf(anAccessRequest({ createdAt: opened }), settings, hours(48));
    expect(steps).toEqual(['reminded']);
    expect(request.stages[0].remindedAt).toEqual(hours(48));
    expect(request.stages[1].remindedAt).toBeNull();
    expect(deadlinesOf(request, settings, hours(60)).steps).toEqual([]);
  });

  it('escalates once after escalationHours, and reminds then too if the sweep missed the reminder', () => {
    const reminded = deadlinesOf(anAccessRequest({ createdAt: opened }), settings, hours(50)).request;
    const escalated = deadlinesOf(reminded, settings, hours(120));
    expect(escalated.steps).toEqual(['escalated']);
    expect(escalated.request.stages[0]).toMatchObject({ remindedAt: hours(50), escalatedAt: hours(120) });
    expect(deadlinesOf(escalated.request, settings, hours(130)).steps).toEqual([]);
    expect(deadlinesOf(anAccessRequest({ createdAt: opened }), settings, hours(121)).steps).toEqual(['reminded', 'escalated']);
  });

  it('counts from when the current stage opened, not from the request', () => {
    const base = anAccessRequest({ createdAt: opened });
    const second = {
      ...base,
      currentStage: 1,
      stages: [
        { ...base.stages[0], remindedAt: hours(48) },
        { ...base.stages[1], openedAt: hours(100) },
      ],
    };
    expect(deadlinesOf(second, settings, hours(140)).steps).toEqual([]);
    expect(deadlinesOf(second, settings, hours(148)).steps).toEqual(['reminded']);
  });

  it('expires a request past its decideBy: closed, no stage current, nobody reminded', () => {
    const request = anAccessRequest({ createdAt: opened });
    const { request: expired, steps } = deadlinesOf(request, settings, request.decideBy);
    expect(steps).toEqual(['expired']);
    expect(expired).toMatchObject({ status: 'expired', currentStage: null, closedAt: request.decideBy });
    expect(expired.stages).toEqual(request.stages);
  });

  it('leaves a request that is no longer pending alone', () => {
    const request = anAccessRequest({ createdAt: opened, status: 'cancelled', currentStage: null });
    expect(deadlinesOf(request, settings, hours(10_000)).steps).toEqual([]);
  });

  it('asks the store for each step at its own delay', () => {
    expect(dueAt(settings, hours(120))).toEqual({ now: hours(120), remindOpenedBefore: hours(120 - settings.reminderHours), escalateOpenedBefore: opened });
    expect(dueAt({ reminderHours: 200, escalationHours: 120 }, hours(200))).toEqual({
      now: hours(200),
      remindOpenedBefore: opened,
      escalateOpenedBefore: hours(80),
    });
  });
});
