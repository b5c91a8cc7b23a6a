import type * as z from 'zod';
import type { FindingDecisionService, FindingState } from '#vigie/audit';
import { VigieError } from '#vigie/common';
import { aCliOperator, aTokenActor, contextOf, fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import type { Actor } from '../../use-case.js';
import { decideOnFindingInput } from './decide-on-finding.input.js';
import { DecideOnFinding } from './decide-on-finding.use-case.js';

const NOW = new Date('2026-05-04T09:30:00Z');
const REASON = 'compensating control: the share is read-only at the file server';

interface Decision {
  decision: 'acknowledge' | 'accept-risk';
  id: string;
  by: string;
  until?: Date;
  reason: string;
  now: Date;
}

/** Takes note of each decision the use case asks for, and answers the state a real service would. */
class RecordingDecisions implements Pick<FindingDecisionService, 'acknowledge' | 'acceptRisk'> {
  readonly decisions: Decision[] = [];
  refusal: Error | undefined;

  async acknowledge(id: string, by: string, reason: string, now = new Date()): Promise<FindingState> {
    if (this.refusal) throw this.refusal;
    this.decisions.push({ decision: 'acknowledge', id, by, reason, now });
    return stateOf(id, { status: 'acknowledged', decidedBy: by, decidedAt: now, reason });
  }

  async acceptRisk(id: string, by: string, until: Date, reason: string, now = new Date()): Promise<FindingState> {
    if (this.refusal) throw this.refusal;
    this.decisions.push({ decision: 'accept-risk', id, by, until, reason, now });
    return stateOf(id, { status: 'risk-accepted', decidedBy: by, decidedAt: now, reason, acceptedUntil: until });
  }
}

function stateOf(id: string, over: Partial<FindingState>): FindingState {
  return {
    id,
    rule: 'H-PWD-NEVER-EXPIRES',
    severity: 'medium',
    directory: 'corp-ad',
    login: 'jdupont',
    status: 'open',
    firstSeenAt: new Date('2026-04-01T02:00:00Z'),
    lastSeenAt: new Date('2026-05-04T02:00:00Z'),
    resolvedAt: null,
    reopenedCount: 0,
    decidedBy: null,
    decidedAt: null,
    reason: null,
    acceptedUntil: null,
    ...over,
  };
}

describe(DecideOnFinding.name, () => {
  let decisions: RecordingDecisions;
  let sut: DecideOnFinding;

  beforeEach(() => {
    decisions = new RecordingDecisions();
    sut = new DecideOnFinding(fakeOf<FindingDecisionService>(decisions), () => NOW);
  });

  const decide = (input: z.input<typeof decideOnFindingInput>, actor: Actor = aCliOperator()) =>
    sut.execute(parsedBy(DecideOnFinding.definition.input, input), contextOf(actor));

  it('is the security officer’s call: it needs to update findings', () => {
    expect(DecideOnFinding.definition).toMatchObject({ name: 'decide-on-finding', ability: ['update', 'Finding'] });
    expect(sut.definition).toBe(DecideOnFinding.definition);
  });

  describe('its input', () => {
    const input = DecideOnFinding.definition.input;

    it('refuses to accept a risk without the date it ends', () => {
      expect(refusalsOf(input, { id: 'f1', decision: 'accept-risk', reason: REASON })).toEqual(['until: accepting a risk needs the date it ends, YYYY-MM-DD']);
    });

    it('refuses an acknowledgement with an end date', () => {
      expect(refusalsOf(input, { id: 'f1', decision: 'acknowledge', reason: REASON, until: '2026-06-30' })).toEqual([
        'until: an acknowledgement has no end date: accept the risk instead',
      ]);
    });

    it('refuses a date that is not YYYY-MM-DD or ISO 8601, saying the form expected', () => {
      for (const until of ['30/06/2026', 'next month', '2026-13-45']) {
        expect(refusalsOf(input, { id: 'f1', decision: 'accept-risk', reason: REASON, until })).toEqual([
          'until: expected a date, YYYY-MM-DD (or an ISO 8601 date and time)',
        ]);
      }
    });

    it('refuses an unknown decision, an empty id, a missing reason and unknown fields, naming each', () => {
      const problems = refusalsOf(input, { id: '', decision: 'reject', approver: 'bob' });
      expect(problems.map((p) => p.replace(/:.*/, ''))).toEqual(expect.arrayContaining(['id', 'decision', 'reason', 'unknown field(s) approver']));
      expect(problems).toHaveLength(4);
    });
  });

  it('takes `until: 2026-06-30` as the end of that day, UTC, whichever the caller', async () => {
    await decide({ id: 'f1', decision: 'accept-risk', until: '2026-06-30', reason: REASON }, aTokenActor('security-officer', 'soc-console'));
    await decide({ id: 'f1', decision: 'accept-risk', until: '2026-06-30', reason: REASON }, aCliOperator('alice'));
    expect(decisions.decisions.map((d) => d.until?.toISOString())).toEqual(['2026-06-30T23:59:59.999Z', '2026-06-30T23:59:59.999Z']);
  });

  it('keeps an ISO 8601 instant as it is given', async () => {
    await decide({ id: 'f1', decision: 'accept-risk', until: '2026-06-30T12:00:00+02:00', reason: REASON });
    expect(decisions.decisions[0]!.until!.toISOString()).toBe('2026-06-30T10:00:00.000Z');
  });

  it('names the decider: the token’s name, or the operating-system account at the terminal', async () => {
    await decide({ id: 'f1', decision: 'acknowledge', reason: REASON }, aTokenActor('security-officer', 'soc-console'));
    await decide({ id: 'f2', decision: 'acknowledge', reason: REASON }, aCliOperator('alice'));
    await decide({ id: 'f3', decision: 'acknowledge', reason: REASON }, { type: 'system', id: 'cli' });
    expect(decisions.decisions.map((d) => d.by)).toEqual(['token:soc-console', 'cli:alice', 'cli:unknown']);
  });

  it('acknowledges with the reason, at the time of its clock, and answers the new state', async () => {
    const state = await decide({ id: 'f1', decision: 'acknowledge', reason: REASON }, aCliOperator('alice'));
    expect(decisions.decisions).toEqual([{ decision: 'acknowledge', id: 'f1', by: 'cli:alice', reason: REASON, now: NOW }]);
    expect(state).toMatchObject({ id: 'f1', status: 'acknowledged', decidedBy: 'cli:alice', decidedAt: NOW, acceptedUntil: null });
  });

  it('accepts a risk until the date given, and answers the new state', async () => {
    const state = await decide({ id: 'f9', decision: 'accept-risk', until: '2026-06-30', reason: REASON }, aCliOperator('alice'));
    expect(decisions.decisions).toEqual([
      { decision: 'accept-risk', id: 'f9', by: 'cli:alice', until: new Date('2026-06-30T23:59:59.999Z'), reason: REASON, now: NOW },
    ]);
    expect(state).toMatchObject({ status: 'risk-accepted', acceptedUntil: new Date('2026-06-30T23:59:59.999Z') });
  });

  it('lets the domain’s refusal through with its kind (here, an unknown finding)', async () => {
    decisions.refusal = new VigieError('not-found', 'no finding with id f404: see GET /api/findings for the current ones');
    await expect(decide({ id: 'f404', decision: 'acknowledge', reason: REASON })).rejects.toMatchObject({ kind: 'not-found' });
  });
});
