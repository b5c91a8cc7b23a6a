import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ldapts';
import type { Vigie } from '#vigie/application';
import { closeEmbeddedDatabase } from '#vigie/persistence';
import { type TestDatabase, createTestDatabase } from '../support/database.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';
import { testVigie } from '../support/vigie.js';

const SUFFIX = 'dc=acme,dc=test';
const OU = `ou=finance,ou=people,${SUFFIX}`;
const entry = (dn: string, ...lines: string[]) => [`dn: ${dn}`, ...lines].join('\n') + '\n';
const LDIF = [
  entry(`ou=people,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: people'),
  entry(OU, 'objectClass: organizationalUnit', 'ou: finance'),
  entry(`ou=ventes,ou=people,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: ventes'),
  entry(`ou=leavers,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: leavers'),
  entry(`ou=groups,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: groups'),
  entry(`uid=seed,${OU}`, 'objectClass: inetOrgPerson', 'uid: seed', 'cn: seed', 'sn: seed'),
  ...['all-staff', 'finance-rw', 'ventes-rw'].map((cn) =>
    entry(`cn=${cn},ou=groups,${SUFFIX}`, 'objectClass: groupOfNames', `cn: ${cn}`, `member: uid=seed,${OU}`),
  ),
].join('\n');
const fixture = (name: string) => new URL(`../fixtures/hr/${name}`, import.meta.url).pathname;

/**
 * apply-hr-event run as the hr.apply job runs it (`vigie.run`), on both databases (the embedded PGlite serialises its
 * connections: the worker's many short units of work must not wait on each other), against a real slapd over StartTLS:
 * a hire applied once however often its job runs, then a leave.
 */
describe.each([
  ['PostgreSQL', true],
  ['the embedded PGlite', false],
])('HR events applied on %s', (_label, postgres) => {
  let slapd: SlapdInstance;
  let db: TestDatabase | undefined;
  let dir: string | undefined;
  let vigie: Vigie;

  beforeAll(async () => {
    slapd = await startSlapd({ ldif: LDIF, tls: true });
    if (postgres) db = await createTestDatabase();
    else dir = mkdtempSync(join(tmpdir(), 'vigie-hr-apply-'));
    vigie = testVigie({
      ...(db ? { url: db.url } : { dataDir: join(dir!, 'data') }),
      env: { LDAP_PASSWORD: slapd.rootPassword },
      overrides: {
        directories: [
          {
            name: 'corp',
            kind: 'ldap',
            url: slapd.url,
            startTls: true,
            caFile: slapd.caFile,
            baseDn: SUFFIX,
            bindDn: slapd.rootDn,
            bindPasswordEnv: 'LDAP_PASSWORD',
          },
        ],
        hr: { directory: 'corp' },
        policy: { dir: fixture('policy') },
      },
    });
  }, 120_000);

  afterAll(async () => {
    await vigie?.close();
    if (db) await db.drop();
    else await closeEmbeddedDatabase();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await slapd?.stop();
  });

  const accounts = async () => {
    const ldap = new Client({ url: slapd.url });
    await ldap.bind(slapd.rootDn, slapd.rootPassword);
    try {
      return (await ldap.search(SUFFIX, { scope: 'sub', filter: '(employeeNumber=E7001)', attributes: ['memberOf', 'pwdAccountLockedTime'] })).searchEntries;
    } finally {
      await ldap.unbind();
    }
  };

  it('applies a hire once, whichever of its jobs runs, then a leave', async () => {
    const person = { employeeId: 'E7001', firstName: 'Hélène', lastName: "d'Aubigné", department: 'Finance' };
    const hire = await vigie.run('receive-hr-event', { source: 'webhook', eventId: 'h-1', type: 'hire', effectiveDate: '2026-01-05', person } as never);
    // Two deliveries of the job at once, as after a lost worker: one applies, the other finds it done or busy.
    const tries = await Promise.allSettled([vigie.run('apply-hr-event', { eventId: hire.id }), vigie.run('apply-hr-event', { eventId: hire.id })]);
    expect(tries.map((t) => t.status)).toContain('fulfilled');
    await vigie.run('apply-hr-event', { eventId: hire.id });
    const [account, ...others] = await accounts();
    expect(others).toEqual([]);
    expect(account!.dn).toBe(`uid=helene.daubigne,${OU}`);
    expect((account!.memberOf as string[]).map((g) => g.toLowerCase()).sort()).toEqual([
      `cn=all-staff,ou=groups,${SUFFIX}`,
      `cn=finance-rw,ou=groups,${SUFFIX}`,
    ]);
    const [stored] = (await (await vigie.dependencies.database()).query('SELECT status FROM hr_event WHERE id = $1', [hire.id])) as Array<{ status: string }>;
    expect(stored!.status).toBe('done');

    const leave = await vigie.run('receive-hr-event', {
      source: 'webhook',
      eventId: 'l-1',
      type: 'leave',
      effectiveDate: '2026-01-06',
      immediate: true,
      person: { employeeId: 'E7001' },
    } as never);
    await expect(vigie.run('apply-hr-event', { eventId: leave.id })).resolves.toMatchObject({ status: 'done' });
    const [gone] = await accounts();
    expect(gone).toMatchObject({ dn: `uid=helene.daubigne,ou=leavers,${SUFFIX}`, pwdAccountLockedTime: '000001010000Z' });
    expect(gone!.memberOf ?? []).toEqual([]);
  }, 120_000);
});
