import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type CliResult, runCli } from '../support/cli.js';
import { type TestDatabase, createTestDatabase } from '../support/database.js';
import { trailKeyEnv } from '../support/trail.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const dnOf = (login: string) => `uid=${login},ou=people,dc=acme,dc=test`;
const DAY_MS = 86_400_000;

/**
 * Access requests at the terminal: the built `vigie` on a real PostgreSQL, the request company's LDIF export
 * synchronised with `vigie sync` and its policy (share-compta, owned by dgarnier, decided by the manager then the
 * owner). A person asks, their manager finds it among what waits for them and approves, the owner approves; another
 * request is rejected; `request show --json` keeps the request's expiry and the grant's end apart; deciding one's own
 * request is refused with its exit code and message.
 *
 * Not covered here: the provisioning. An `ldif` directory is read-only, so the approved grant stays 'provisioning'
 * with its access.provision job queued and nobody writing it (test/e2e/access-requests-openldap.e2e-spec.ts and
 * test/requests/provisioning-*.int-spec.ts write real directories).
 */
describe('vigie request, approve and reject, on a real PostgreSQL', () => {
  let db: TestDatabase;
  let dir: string;
  let sql: pg.Client;
  let env: Record<string, string>;
  /** bmartin's request, left pending by the tests that follow it. */
  let bmartins: string;
  const vigie = (...args: string[]) => runCli(args, env);
  /** The command succeeded (exit code 0, no signal). */
  const ok = (r: CliResult) => {
    expect([r.code, r.signal ?? null]).toEqual([0, null]);
    return r;
  };
  const created = (r: CliResult) => /^access request (\S+) created$/m.exec(ok(r).stderr)![1]!;
  const ask = (login: string, justification: string) =>
    vigie('request', 'create', '--resource', 'share-compta', '--level', 'write', '--justification', justification, '--days', '7', '--as', login);

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'vigie-requests-cli-'));
    const config = join(dir, 'vigie.yaml');
    writeFileSync(
      config,
      [
        'directories:',
        '  - name: corp',
        '    kind: ldif',
        `    file: ${JSON.stringify(fixture('requests/openldap-requests.ldif'))}`,
        'policy:',
        `  dir: ${JSON.stringify(fixture('requests/policy'))}`,
        '',
      ].join('\n'),
    );
    env = { DATABASE_URL: db.url, VIGIE_CONFIG: config, ...trailKeyEnv() };
    const sync = ok(await vigie('sync'));
    expect(sync.stdout).toMatch(/^corp: \d+ accounts/m);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows a person's catalogue: share-compta, its chain and its length", async () => {
    const table = ok(await vigie('request', 'catalogue', '--for', 'adurand'));
    expect(table.stdout).toMatch(/^RESOURCE\s+LEVEL\s+CRITICALITY\s+POLICY\s+DECIDED BY\s+DAYS\s+NOW\s+MEANING/);
    expect(table.stdout).toMatch(/^share-compta\s+write\s+high\s.*manager.*owner/m);
    const json = JSON.parse(ok(await vigie('request', 'catalogue', '--for', 'adurand', '--json')).stdout);
    expect(json.entries).toContainEqual(
      expect.objectContaining({ resource: expect.objectContaining({ id: 'share-compta' }), level: 'write', chain: ['manager', 'owner'] }),
    );
  });

  it('asks, the manager finds it to decide and approves, the owner approves: approved, its grant waiting to be written', async () => {
    const id = created(await ask('adurand', 'the year-end closing of the accounts'));
    expect((await sql.query(`SELECT status, beneficiary_key FROM access_request WHERE id = $1`, [id])).rows).toEqual([
      { status: 'pending', beneficiary_key: `corp:${dnOf('adurand')}` },
    ]);

    const toDecide = ok(await vigie('request', 'list', '--view', 'to-decide', '--as', 'pmartin'));
    expect(toDecide.stdout).toMatch(/^ID\s+STATUS\s+BENEFICIARY\s+RESOURCE\s+LEVEL\s+WAITING ON\s+REQUEST EXPIRES\s+GRANT ENDS\s+GRANT/);
    expect(toDecide.stdout).toMatch(
      new RegExp(`^${id}\\s+pending\\s+.*adurand.*\\s+share-compta\\s+write\\s+1/2 manager\\s+\\S+Z\\s+7 days \\(asked\\)\\s+-`, 'm'),
    );
    // The owner has nothing to decide yet: the manager's stage comes first.
    expect(ok(await vigie('request', 'list', '--view', 'to-decide', '--as', 'dgarnier')).stdout).not.toContain(id);

    const afterManager = ok(await vigie('approve', id, '--comment', 'she closes the accounts', '--as', 'pmartin', '--json'));
    expect(JSON.parse(afterManager.stdout)).toMatchObject({ status: 'pending', currentStage: { kind: 'owner' } });
    const approved = ok(await vigie('approve', id, '--comment', 'fine for a week', '--as', 'dgarnier'));
    expect(approved.stdout).toMatch(new RegExp(`^access request ${id}: approved\n`));
    expect(approved.stdout).toMatch(/^ {4}2\. owner {12}approved by .*dgarnier.* at \S+Z: fine for a week$/m);

    const shown = JSON.parse(ok(await vigie('request', 'show', id, '--json')).stdout);
    expect(shown).toMatchObject({
      id,
      status: 'approved',
      durationDays: 7,
      currentStage: null,
      stages: [
        { kind: 'manager', decision: { outcome: 'approved', by: expect.objectContaining({ login: 'pmartin' }), comment: 'she closes the accounts' } },
        { kind: 'owner', decision: { outcome: 'approved', by: expect.objectContaining({ login: 'dgarnier' }), comment: 'fine for a week' } },
      ],
      // Nothing written yet (see above): the grant's length counts from its confirmation, so it has no end date.
      grant: { status: 'provisioning', durationDays: 7, startsAt: null, endsAt: null, memberDn: dnOf('adurand') },
    });
    // The REQUEST's expiry (decided in time, it no longer applies) and the GRANT's end are two fields, never one.
    expect(Date.parse(shown.requestExpiresAt)).toBeGreaterThan(Date.parse(shown.createdAt));
    const text = ok(await vigie('request', 'show', id)).stdout;
    expect(text).toMatch(/^ {2}request closed {3}\S+Z$/m);
    expect(text).toContain('  asked for        7 days from provisioning');
    expect((await sql.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'access.provision' AND data->>'requestId' = $1`, [id])).rows).toEqual([
      { n: 1 },
    ]);
  });

  it("shows a pending request's expiry apart from the grant's length asked", async () => {
    const id = (bmartins = created(await ask('bmartin', 'check the supplier invoices of December')));
    const shown = JSON.parse(ok(await vigie('request', 'show', id, '--json')).stdout);
    expect(shown).toMatchObject({ status: 'pending', durationDays: 7, grant: null });
    // The request expires if nobody decides by then; the 7 days count from the grant's start, once written.
    const waits = Date.parse(shown.requestExpiresAt) - Date.parse(shown.createdAt);
    expect(waits).toBeGreaterThan(0);
    expect(waits % DAY_MS).toBe(0);
    const text = ok(await vigie('request', 'show', id)).stdout;
    expect(text).toMatch(/^ {2}request expires {2}\S+Z \(undecided by then, it expires and nothing is granted\)$/m);
    expect(text).toContain('  asked for        7 days from provisioning');
  });

  it('rejects another request at the owner stage: it ends there, nothing granted', async () => {
    const id = created(await ask('jmoreau', 'look at the ledger for the audit'));
    ok(await vigie('approve', id, '--comment', 'ok from me', '--as', 'pmartin'));
    const rejected = ok(await vigie('reject', id, '--comment', 'the auditors get a read-only export', '--as', 'dgarnier', '--json'));
    expect(JSON.parse(rejected.stdout)).toMatchObject({
      id,
      status: 'rejected',
      grant: null,
      stages: [{ decision: { outcome: 'approved' } }, { decision: { outcome: 'rejected', comment: 'the auditors get a read-only export' } }],
    });
    const listed = ok(await vigie('request', 'list', '--as', 'jmoreau', '--status', 'rejected'));
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+rejected\\s`, 'm'));
  });

  it('refuses to let a person decide their own request, with exit code 1 and why, and writes nothing', async () => {
    // bmartin's request (above) waits for his manager, pmartin: bmartin himself tries to approve it.
    const id = bmartins;
    const refused = await vigie('approve', id, '--comment', 'my own', '--as', 'bmartin');
    expect([refused.code, refused.stdout, refused.stderr]).toEqual([
      1,
      '',
      'vigie: nobody decides a request they made or that is for them: another approver decides it\n',
    ]);
    expect((await sql.query(`SELECT status, version FROM access_request WHERE id = $1`, [id])).rows).toEqual([{ status: 'pending', version: 1 }]);
  });

  it('refuses a second request for the same access while the first is open, naming it', async () => {
    const again = await ask('bmartin', 'check the supplier invoices, again');
    expect([again.code, again.stdout]).toEqual([1, '']);
    expect(again.stderr).toMatch(new RegExp(`^vigie: bmartin already has request ${bmartins} \\(pending\\) for write on `));
  });
});
