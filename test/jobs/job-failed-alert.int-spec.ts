import type { Vigie } from '#vigie/application';
import { VigieError } from '#vigie/common';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testVigie } from '../support/vigie.js';
import { type WebhookReceiver, startWebhookReceiver } from '../support/webhook-receiver.js';

/** The job queue as the composition root wires it: a job that fails for good reaches the administrators' webhook. */
describe('a failed job alerts, as composed, on a real PostgreSQL', () => {
  let db: TestDatabase;
  let hook: WebhookReceiver;
  let vigie: Vigie;
  const posts: WebhookReceiver['posts'] = [];

  beforeAll(async () => {
    hook = await startWebhookReceiver(posts);
    db = await createTestDatabase();
    vigie = testVigie({ url: db.url, overrides: { alerts: { webhook: { url: hook.url } } } });
  });

  afterAll(async () => {
    await vigie?.close();
    await db?.drop();
    await hook?.close();
  });

  it("sends a 'job-failed' security event with the job's id and error, never its payload", async () => {
    const queue = await vigie.dependencies.jobQueue();
    const id = await queue.enqueue('scheduled.audit', { member: 'uid=alice,ou=people,dc=acme,dc=test' });
    await queue.work('scheduled.audit', async () => {
      throw new VigieError('forbidden', 'the service account may not write cn=payroll');
    });
    for (let i = 0; i < 200 && !posts.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      event: 'security.event',
      title: 'Job scheduled.audit failed',
      kind: 'job-failed',
      lines: [`Job ${id} (scheduled.audit) failed after 1 try (forbidden): the service account may not write cn=payroll`, expect.any(String)],
    });
    expect(JSON.stringify(posts[0])).not.toContain('alice');
    expect((await queue.failed()).map((f) => f.id)).toEqual([id]);
  });
});
