import pg from 'pg';
import { createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { createHttpApp } from '../../apps/api/src/create-http-app.js';
import { createTestDatabase } from '../support/database.js';
import { publishedFileFor, trailKeyEnv } from '../support/trail.js';

/**
 * Closing the HTTP application closes the Vigie it runs on: its database and its last checkpoint. Nest returns its
 * application as a proxy on which replacing `close` had no effect: the pool stayed open and a checkpoint timer fired
 * after the tests that had closed it (jest: "require after the environment has been torn down").
 */
describe('the API application closed', () => {
  it('closes Vigie: the last trail entries get their checkpoint, and the database is released', async () => {
    const db = await createTestDatabase();
    try {
      const config = loadConfig({
        env: { DATABASE_URL: db.url, ...trailKeyEnv() },
        file: '/dev/null',
        overrides: { log: { level: 'silent' }, scheduler: { enabled: false }, trail: { publish: { file: publishedFileFor(db.url) } } },
      });
      const vigie = createVigie(config);
      const app = await createHttpApp(vigie, { withWorker: true });
      await app.init();
      // Two use cases that write within the cadence's second: the second one's checkpoint waits on a timer.
      await vigie.run('create-token', { name: 'a', role: 'auditor' });
      await vigie.run('create-token', { name: 'b', role: 'auditor' });
      expect(vigie.dependencies.databaseOpened).toBe(true);
      await app.close();
      expect(vigie.dependencies.databaseOpened).toBe(false);
      // Every entry is under a signed checkpoint: the one close signed covers the second token.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ head: string; covered: string }>(
          `SELECT (SELECT max(seq) FROM trail_entry WHERE chain = 'change')::text AS head,
                  (SELECT max(seq) FROM trail_checkpoint WHERE chain = 'change')::text AS covered`,
        );
        expect(rows[0].head).not.toBeNull();
        expect(rows[0].covered).toBe(rows[0].head);
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });
});
