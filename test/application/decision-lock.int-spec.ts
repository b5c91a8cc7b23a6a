/**
 * A decision on a finding reads the finding's state under a row lock, in the transaction that writes the decision and
 * its trail entry: two decisions at once are taken one after the other, the second seeing the first.
 */
import type { Vigie } from '#vigie/application';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

describe('two decisions on one finding at once, on a real PostgreSQL', () => {
  let db: TestDatabase;
  let vigie: Vigie;
  let findingId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    vigie = testVigie({
      url: db.url,
      overrides: {
        policy: { dir: fixture('policies/ok/company'), keepLastValid: false },
        directories: [{ name: 'corp', kind: 'ldif', file: fixture('ldif/ok/openldap-company.ldif') }],
      },
    });
    await vigie.run('sync-directories', {});
    const { report } = await vigie.run('run-audit', {});
    findingId = report.findings[0]!.id;
  });

  afterAll(async () => {
    await vigie?.close();
    await db?.drop();
  });

  it('makes the second wait for the first, and the second sees the state the first left', async () => {
    const uow = await vigie.dependencies.unitOfWork();
    // The first decision, held open after it has read the state under its lock.
    const first = (await uow.hold())!;
    expect(first).not.toBeNull();
    const before = await first.tx.findings.lockState(findingId);
    expect(before?.status).toBe('open');

    let settled = false;
    const second = vigie
      .run('decide-on-finding', { id: findingId, decision: 'acknowledge', reason: 'seen by the second officer' })
      .finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // It waits on the row lock: it has not read the state yet, let alone decided.
    expect(settled).toBe(false);

    await first.tx.findings.decide(findingId, {
      status: 'risk-accepted',
      by: 'token:first',
      reason: 'accepted by the first officer',
      acceptedUntil: new Date(Date.now() + 86_400_000),
      at: new Date(),
    });
    await first.commit();
    const state = await second;
    expect(state).toMatchObject({ status: 'acknowledged', decidedBy: expect.stringMatching(/^cli:/) });

    // Its trail entry says what it saw: the first decision, not the state before it (read back through the trail's
    // query, which joins the personal part an entry about a person keeps its before and after in).
    const { entries } = await vigie.run('query-trail', { action: 'finding.acknowledged', target: findingId });
    expect(entries[0]?.before).toEqual({ status: 'risk-accepted' });
  });
});
