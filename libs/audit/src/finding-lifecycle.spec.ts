import { type FindingState, planLifecycle } from './finding-lifecycle.js';
import type { Finding } from './finding.model.js';

const T0 = new Date('2026-11-01T02:00:00Z');
const T1 = new Date('2026-11-02T02:00:00Z');

function finding(id: string): Finding {
  return {
    id,
    rule: 'H-PWD-NEVER-EXPIRES',
    severity: 'medium',
    subject: { type: 'account', directory: 'corp', dn: `CN=${id}`, login: id, employeeId: null },
    resource: null,
    message: 'm',
    evidence: {},
    explain: [],
  };
}

function stateOf(plan: ReturnType<typeof planLifecycle>, id: string) {
  return plan.changes.find((c) => c.state.id === id);
}

describe(planLifecycle.name, () => {
  it('opens what is new, keeps what is still there, resolves what disappeared', () => {
    const first = planLifecycle([], [finding('a'), finding('b')], T0);
    expect(first.counts).toEqual({ new: 2, reopened: 0, resolved: 0, open: 2 });
    const second = planLifecycle(
      first.changes.map((c) => c.state),
      [finding('a'), finding('c')],
      T1,
    );
    expect(second.counts).toEqual({ new: 1, reopened: 0, resolved: 1, open: 2 });
    expect(stateOf(second, 'a')).toMatchObject({ transition: 'still-open', state: { status: 'open', firstSeenAt: T0, lastSeenAt: T1 } });
    expect(stateOf(second, 'b')).toMatchObject({ transition: 'resolved', state: { status: 'resolved', resolvedAt: T1 } });
    expect(stateOf(second, 'c')).toMatchObject({ transition: 'new' });
  });

  it('reopens a resolved finding that comes back and clears the earlier decision', () => {
    const resolved: FindingState = {
      ...planLifecycle([], [finding('a')], T0).changes[0].state,
      status: 'resolved',
      resolvedAt: T0,
      decidedBy: 'x',
      reason: 'r',
    };
    const plan = planLifecycle([resolved], [finding('a')], T1);
    expect(stateOf(plan, 'a')).toMatchObject({ transition: 'reopened', state: { status: 'open', reopenedCount: 1, resolvedAt: null, decidedBy: null } });
    expect(plan.counts.reopened).toBe(1);
  });

  it('keeps an acknowledgement and an unexpired acceptance, and reopens an expired one', () => {
    const base = planLifecycle([], [finding('ack'), finding('ok'), finding('late')], T0).changes.map((c) => c.state);
    const states: FindingState[] = [
      { ...base[0], status: 'acknowledged', decidedBy: 'rssi' },
      { ...base[1], status: 'risk-accepted', acceptedUntil: new Date('2027-01-01T00:00:00Z'), reason: 'legacy app' },
      { ...base[2], status: 'risk-accepted', acceptedUntil: new Date('2026-11-01T12:00:00Z'), reason: 'until migration' },
    ];
    const plan = planLifecycle(states, [finding('ack'), finding('ok'), finding('late')], T1);
    expect(stateOf(plan, 'ack')).toMatchObject({ transition: 'still-open', state: { status: 'acknowledged' } });
    expect(stateOf(plan, 'ok')).toMatchObject({ transition: 'still-open', state: { status: 'risk-accepted' } });
    expect(stateOf(plan, 'late')).toMatchObject({ transition: 'acceptance-expired', state: { status: 'open' } });
  });

  it('resolves an accepted finding that disappears', () => {
    const [s] = planLifecycle([], [finding('a')], T0).changes.map((c) => c.state);
    const plan = planLifecycle([{ ...s, status: 'risk-accepted', acceptedUntil: T1 }], [], T1);
    expect(stateOf(plan, 'a')).toMatchObject({ transition: 'resolved', state: { status: 'resolved' } });
  });
});
