import { STAFF_ROLES } from '#vigie/access-control';
import type { FindingDecisionService, FindingState } from '#vigie/audit';
import { VigieError } from '#vigie/common';
import { type VigieConfig, configSchema } from '#vigie/config';
import { SILENT_LOGGER } from '#vigie/logging';
import type { ClosableSqlClient } from '#vigie/persistence';
import { TrailContext, type TrailContextValue } from '#vigie/trail';
import { aPersonActor, aTokenActor, fakeOf } from '../testing/index.js';
import { createVigie } from './create-vigie.js';
import { Dependencies } from './dependencies.js';

const REASON = 'compensating control: the share is read-only at the file server';

/** The adapters of a Vigie with no database: the findings' decisions and the database are stubbed, and counted. */
class StubbedDependencies extends Dependencies {
  readonly builds = { findingDecisions: 0, database: 0 };
  /** What the decision service saw of the trail's context, and who it was told decided. */
  readonly seen: Array<{ by: string; context: TrailContextValue }> = [];
  failNextBuild: Error | undefined;

  constructor(config: VigieConfig) {
    super(config, () => SILENT_LOGGER);
  }

  override findingDecisions(): Promise<FindingDecisionService> {
    this.builds.findingDecisions++;
    const failure = this.failNextBuild;
    this.failNextBuild = undefined;
    if (failure) return Promise.reject(failure);
    const decide = async (id: string, by: string): Promise<FindingState> => {
      this.seen.push({ by, context: { ...TrailContext.current() } });
      return {
        id,
        rule: 'H-GUEST',
        severity: 'high',
        directory: 'corp-ad',
        login: 'Guest',
        status: 'acknowledged',
        firstSeenAt: new Date(),
        lastSeenAt: new Date(),
        resolvedAt: null,
        reopenedCount: 0,
        decidedBy: by,
        decidedAt: new Date(),
        reason: REASON,
        acceptedUntil: null,
      };
    };
    return Promise.resolve(fakeOf<FindingDecisionService>({ acknowledge: decide, acceptRisk: decide }));
  }

  override database(): Promise<ClosableSqlClient> {
    this.builds.database++;
    return Promise.resolve(fakeOf<ClosableSqlClient>({ query: async () => [{ one: 1 }] }));
  }
}

describe(createVigie.name, () => {
  let dependencies: StubbedDependencies;
  let sut: ReturnType<typeof createVigie>;

  beforeEach(() => {
    const config = configSchema.parse({});
    dependencies = new StubbedDependencies(config);
    sut = createVigie(config, { dependencies });
  });

  describe('who may run a use case', () => {
    it('refuses a token whose role lacks the ability as forbidden, before its input is even read', async () => {
      const read: PropertyKey[] = [];
      const watched = new Proxy(
        {},
        { get: (_t, key) => void read.push(key), has: (_t, key) => (read.push(key), false), ownKeys: () => (read.push('(keys)'), []) },
      );
      const err = await sut.run('decide-on-finding', watched as never, { actor: aTokenActor('auditor') }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VigieError);
      expect(err).toMatchObject({ kind: 'forbidden', message: 'the role "auditor" may not update Finding' });
      expect(read).toEqual([]);
      expect(dependencies.seen).toEqual([]);
    });

    it('lets a token whose role has the ability run the use case', async () => {
      const state = await sut.run(
        'decide-on-finding',
        { id: 'f1', decision: 'acknowledge', reason: REASON },
        { actor: aTokenActor('security-officer', 'soc-console') },
      );
      expect(state).toMatchObject({ id: 'f1', status: 'acknowledged', decidedBy: 'token:soc-console' });
    });

    it('refuses every token, admin’s included, a use case that declares no ability; a system actor runs it', async () => {
      for (const role of STAFF_ROLES) {
        await expect(sut.run('check-readiness', {}, { actor: aTokenActor(role) })).rejects.toMatchObject({
          kind: 'forbidden',
          message: `the role "${role}" may not run check-readiness`,
        });
      }
      expect(dependencies.builds.database).toBe(0);
      await expect(sut.run('check-readiness', {}, { actor: { type: 'system', id: 'api' } })).resolves.toEqual({ ready: true, checks: { database: 'up' } });
    });

    it('runs as the command line’s system actor when no context is given', async () => {
      await sut.run('decide-on-finding', { id: 'f1', decision: 'acknowledge', reason: REASON });
      expect(dependencies.seen[0]!.by).toBe('cli:unknown');
      expect(dependencies.seen[0]!.context.actor).toEqual({ type: 'system', id: 'cli' });
    });
  });

  describe('its input', () => {
    it('is parsed with the use case’s schema: a bad one is invalid input whose details name each field', async () => {
      const err = await sut.run('decide-on-finding', { id: '', decision: 'maybe', reason: REASON, approver: 'bob' } as never).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(VigieError);
      const { kind, message, details } = err as VigieError;
      expect(kind).toBe('invalid-input');
      expect(details.map((d) => d.replace(/:.*/, ''))).toEqual(expect.arrayContaining(['id', 'decision', 'unknown field(s) approver']));
      expect(details).toHaveLength(3);
      expect(message).toBe(details.join('; '));
      expect(dependencies.seen).toEqual([]);
    });

    it('names the field of a rule that spans fields', async () => {
      await expect(sut.run('decide-on-finding', { id: 'f1', decision: 'accept-risk', reason: REASON })).rejects.toMatchObject({
        kind: 'invalid-input',
        details: ['until: accepting a risk needs the date it ends, YYYY-MM-DD'],
      });
    });
  });

  describe('the trail’s context', () => {
    it('holds, inside the use case, the actor, the correlation id and the address given', async () => {
      const actor = aTokenActor('security-officer', 'soc-console');
      await sut.run('decide-on-finding', { id: 'f1', decision: 'acknowledge', reason: REASON }, { actor, correlationId: 'req-42', sourceAddress: '10.0.0.7' });
      expect(dependencies.seen).toEqual([
        { by: 'token:soc-console', context: { actor: { type: 'token', id: actor.id }, correlationId: 'req-42', sourceAddress: '10.0.0.7' } },
      ]);
    });

    it('names a person signed in through a directory by their login, as their sign-in entry does, not by their session key', async () => {
      const actor = aPersonActor('rssi', ['security-officer'], 'corp-ad');
      await sut.run('decide-on-finding', { id: 'f1', decision: 'acknowledge', reason: REASON }, { actor });
      expect(dependencies.seen[0]!.context.actor).toEqual({ type: 'person', id: 'rssi' });
      const oidc = { ...aPersonActor('x', ['security-officer']), id: 'oidc:https://idp.test#42', person: undefined };
      await sut.run('decide-on-finding', { id: 'f2', decision: 'acknowledge', reason: REASON }, { actor: oidc });
      expect(dependencies.seen[1]!.context.actor).toEqual({ type: 'person', id: 'oidc:https://idp.test#42' });
    });

    it('gets a correlation id of its own when none is given, one per run', async () => {
      await sut.run('decide-on-finding', { id: 'f1', decision: 'acknowledge', reason: REASON });
      await sut.run('decide-on-finding', { id: 'f2', decision: 'acknowledge', reason: REASON });
      const [first, second] = dependencies.seen.map((s) => s.context.correlationId);
      expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(second).not.toBe(first);
    });

    it('is the run’s alone: nothing of it is left once the run is over', async () => {
      await sut.run('decide-on-finding', { id: 'f1', decision: 'acknowledge', reason: REASON }, { correlationId: 'req-42' });
      expect(TrailContext.current()).toEqual({});
    });
  });

  describe('building use cases', () => {
    it('builds a use case once, the first time it is run, and reuses it', async () => {
      expect(dependencies.builds.findingDecisions).toBe(0);
      await sut.run('decide-on-finding', { id: 'f1', decision: 'acknowledge', reason: REASON });
      await sut.run('decide-on-finding', { id: 'f2', decision: 'acknowledge', reason: REASON });
      await sut.run('decide-on-finding', { id: 'f3', decision: 'acknowledge', reason: REASON }, { actor: aTokenActor('security-officer') });
      expect(dependencies.builds.findingDecisions).toBe(1);
    });

    it('builds it again after a build that failed (the database may be back)', async () => {
      dependencies.failNextBuild = new VigieError('unavailable', 'cannot reach PostgreSQL at 127.0.0.1:5432');
      await expect(sut.run('decide-on-finding', { id: 'f1', decision: 'acknowledge', reason: REASON })).rejects.toMatchObject({ kind: 'unavailable' });
      await expect(sut.run('decide-on-finding', { id: 'f1', decision: 'acknowledge', reason: REASON })).resolves.toMatchObject({ status: 'acknowledged' });
      expect(dependencies.builds.findingDecisions).toBe(2);
    });
  });
});
