import type { AlertOutcome, AlertService } from '#vigie/alerts';
import { type AuditRunResult, type AuditService, NothingToAuditError } from '#vigie/audit';
import { VigieError } from '#vigie/common';
import { FakeJobLock, fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { RunAudit } from './run-audit.use-case.js';

const ASOF = new Date('2026-11-15T00:00:00Z');

function aResult(runId: string): AuditRunResult {
  return {
    runId,
    report: { asOf: ASOF.toISOString(), policyVersion: 'a'.repeat(64), findings: [] },
    counts: { total: 0 },
    unresolvedGroupRefs: [],
    timings: [],
    lifecycle: { changes: [], counts: { new: 0, reopened: 0, resolved: 0, open: 0 } },
    durationMs: 40,
  };
}

describe(RunAudit.name, () => {
  /** What happened, in order, across the audit and the alerts. */
  let events: string[];
  let failure: Error | undefined;
  let audit: Pick<AuditService, 'run'>;
  let alerts: Pick<AlertService, 'afterAudit'>;
  let lock: FakeJobLock;
  const sutWith = (l: FakeJobLock) => new RunAudit(fakeOf<AuditService>(audit), fakeOf<AlertService>(alerts), l);
  const run = (sut: RunAudit, input: { asOf?: string } = {}) => sut.execute(parsedBy(RunAudit.definition.input, input));

  beforeEach(() => {
    events = [];
    failure = undefined;
    audit = {
      run: async (options = {}) => {
        events.push(`audit asOf=${options.asOf?.toISOString() ?? 'now'}`);
        if (failure) throw failure;
        return aResult('run-1');
      },
    };
    alerts = {
      afterAudit: async (result): Promise<AlertOutcome> => {
        events.push(`alerts after ${result.runId}`);
        return { findings: 2, sent: ['mail'], failed: [{ channel: 'webhook', reason: 'HTTP 502' }] };
      },
    };
    lock = new FakeJobLock();
  });

  it('needs the ability to create audit runs', () => {
    expect(RunAudit.definition).toMatchObject({ name: 'run-audit', ability: ['create', 'AuditRun'] });
  });

  describe('its input', () => {
    const input = RunAudit.definition.input;

    it('takes the moment to judge as an ISO 8601 date or time, now when absent', () => {
      expect(parsedBy(input, {})).toEqual({});
      expect(parsedBy(input, { asOf: '2026-11-15' })).toEqual({ asOf: ASOF });
    });

    it('refuses a moment that is no date, and unknown fields', () => {
      expect(refusalsOf(input, { asOf: 'last night' })).toEqual(['asOf: expected an ISO 8601 date or time, e.g. 2026-05-01 or 2026-05-01T08:00:00Z']);
      expect(refusalsOf(input, { policies: 'policies' })).toEqual(['unknown field(s) policies']);
    });
  });

  it('audits under the one audit lock, then alerts on the result, and answers both', async () => {
    const out = await run(sutWith(lock), { asOf: '2026-11-15' });
    expect(lock.asked).toEqual(['audit']);
    expect(events).toEqual([`audit asOf=${ASOF.toISOString()}`, 'alerts after run-1']);
    expect(out).toEqual({ ...aResult('run-1'), alerts: { findings: 2, sent: ['mail'], failed: [{ channel: 'webhook', reason: 'HTTP 502' }] } });
  });

  it('is a conflict when another audit runs, and audits nothing nor alerts', async () => {
    const err = await run(sutWith(new FakeJobLock(['audit']))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VigieError);
    expect(err).toMatchObject({ kind: 'conflict', message: 'an audit is already running (the scheduler or another command): try again when it has finished' });
    expect(events).toEqual([]);
  });

  it('alerts on nothing when the audit fails, and lets its error through with its kind', async () => {
    failure = new NothingToAuditError();
    await expect(run(sutWith(lock))).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('Run `vigie sync` first') });
    expect(events).toEqual(['audit asOf=now']);
  });
});
