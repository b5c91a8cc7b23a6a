/**
 * Proves the real-server harness: slapd with data, overlays, TLS, kill/restart; throw-away PostgreSQL databases.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Client, InvalidCredentialsError } from 'ldapts';
import pg from 'pg';
import { adminDatabaseUrl, createTestDatabase } from './database.js';
import { prepareBulkLdif } from './ldif.js';
import { RUN_ID_ENV } from './servers.js';
import { ldapAdd, ldapModify, startSlapd, type SlapdInstance } from './slapd.js';

const SUFFIX = 'dc=acme,dc=test';
const LDIF = `
dn: ou=groups,${SUFFIX}
objectClass: organizationalUnit
ou: groups

# a group before its members: the harness puts parents first, not the LDIF
dn: cn=admins,ou=groups,${SUFFIX}
objectClass: groupOfNames
cn: admins
member: uid=alice,ou=people,${SUFFIX}
member: uid=bob,ou=people,${SUFFIX}

dn: ou=people,${SUFFIX}
objectClass: organizationalUnit
ou: people

dn: uid=alice,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: alice
cn: Alice Martin
sn: Martin
mail: alice@acme.test
userPassword: alice-pw

dn: uid=bob,ou=people,${SUFFIX}
objectClass: inetOrgPerson
uid: bob
cn: Bob
sn: Durand
description:: w4lsw6h2ZSBkdSBtb2lz
`;

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>, tlsOptions?: { ca: Buffer[] }): Promise<T> {
  const client = new Client({ url, connectTimeout: 2000, timeout: 5000, tlsOptions });
  try {
    return await fn(client);
  } finally {
    await client.unbind().catch(() => undefined);
  }
}

describe('prepareBulkLdif', () => {
  it('adds the base entry, orders parents first and fills memberOf', () => {
    const out = prepareBulkLdif(LDIF, SUFFIX);
    const dns = [...out.matchAll(/^dn: (.*)$/gm)].map((m) => m[1]);
    expect(dns[0]).toBe(SUFFIX);
    expect(dns.indexOf(`ou=groups,${SUFFIX}`)).toBeLessThan(dns.indexOf(`cn=admins,ou=groups,${SUFFIX}`));
    const alice = out.split('\n\n').find((r) => r.startsWith(`dn: uid=alice`))!;
    expect(alice).toContain(`memberOf: cn=admins,ou=groups,${SUFFIX}`);
    expect(() => prepareBulkLdif('dn: cn=x,dc=other\nobjectClass: person\ncn: x\nsn: x\n', SUFFIX)).toThrow(/not under the suffix/);
  });
});

describe('startSlapd', () => {
  let ldap: SlapdInstance;

  beforeAll(async () => {
    ldap = await startSlapd({ ldif: LDIF, tls: true });
  });
  afterAll(async () => {
    await ldap?.stop();
  });

  it('serves the LDIF over a paged search, memberOf included', async () => {
    expect(ldap.url).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+$/);
    expect(ldap.rootDn).toBe(`cn=admin,${SUFFIX}`);
    const entries = await withClient(ldap.url, async (c) => {
      await c.bind(ldap.rootDn, ldap.rootPassword);
      const found: Record<string, unknown>[] = [];
      const pages = c.searchPaginated(SUFFIX, {
        scope: 'sub',
        filter: '(objectClass=inetOrgPerson)',
        attributes: ['uid', 'memberOf', 'description', 'entryUUID'],
        paged: { pageSize: 1 },
      });
      let pageCount = 0;
      for await (const page of pages) {
        pageCount++;
        found.push(...page.searchEntries);
      }
      expect(pageCount).toBeGreaterThanOrEqual(2);
      return found;
    });
    expect(entries.map((e) => e.uid).sort()).toEqual(['alice', 'bob']);
    const alice = entries.find((e) => e.uid === 'alice')!;
    expect(alice.memberOf).toBe(`cn=admins,ou=groups,${SUFFIX}`);
    expect(alice.entryUUID).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries.find((e) => e.uid === 'bob')!.description).toBe('Élève du mois');
  });

  it('lets a user bind with the password of the LDIF', async () => {
    await withClient(ldap.url, (c) => c.bind(`uid=alice,ou=people,${SUFFIX}`, 'alice-pw'));
    await expect(withClient(ldap.url, (c) => c.bind(`uid=alice,ou=people,${SUFFIX}`, 'wrong'))).rejects.toBeInstanceOf(InvalidCredentialsError);
  });

  it('applies ldapAdd/ldapModify through the running server, overlays included', async () => {
    await ldapAdd(ldap, `dn: uid=carol,ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: carol\ncn: Carol\nsn: C\n`);
    await ldapModify(ldap, `dn: cn=admins,ou=groups,${SUFFIX}\nchangetype: modify\nadd: member\nmember: uid=carol,ou=people,${SUFFIX}\n`);
    const carol = await withClient(ldap.url, async (c) => {
      await c.bind(ldap.rootDn, ldap.rootPassword);
      const { searchEntries } = await c.search(`uid=carol,ou=people,${SUFFIX}`, { scope: 'base', attributes: ['memberOf'] });
      return searchEntries[0];
    });
    expect(carol.memberOf).toBe(`cn=admins,ou=groups,${SUFFIX}`);
    await expect(ldapAdd(ldap, `dn: uid=carol,ou=people,${SUFFIX}\nobjectClass: inetOrgPerson\nuid: carol\ncn: Carol\nsn: C\n`)).rejects.toThrow(
      /Already exists/i,
    );
  });

  it('does StartTLS with the returned CA and refuses it without', async () => {
    expect(ldap.caFile && existsSync(ldap.caFile)).toBe(true);
    const ca = [readFileSync(ldap.caFile!)];
    const whoami = await withClient(ldap.url, async (c) => {
      await c.startTLS({ ca });
      await c.bind(ldap.rootDn, ldap.rootPassword);
      const { searchEntries } = await c.search(SUFFIX, { scope: 'base', attributes: ['dc'] });
      return searchEntries[0].dc;
    });
    expect(whoami).toBe('acme');
    await expect(withClient(ldap.url, (c) => c.startTLS({}))).rejects.toThrow(/self[- ]signed|certificate/i);
    await withClient(ldap.ldapsUrl!, (c) => c.bind(ldap.rootDn, ldap.rootPassword), { ca });
  });

  it('fails searches once killed, and comes back with its data on restart', async () => {
    const client = new Client({ url: ldap.url, connectTimeout: 2000, timeout: 5000 });
    await client.bind(ldap.rootDn, ldap.rootPassword);
    await ldap.kill();
    await expect(client.search(SUFFIX, { filter: '(uid=alice)' })).rejects.toThrow();
    await client.unbind().catch(() => undefined);
    await expect(withClient(ldap.url, (c) => c.bind(ldap.rootDn, ldap.rootPassword))).rejects.toThrow();

    await ldap.restart();
    const uids = await withClient(ldap.url, async (c) => {
      await c.bind(ldap.rootDn, ldap.rootPassword);
      const { searchEntries } = await c.search(SUFFIX, { filter: '(objectClass=inetOrgPerson)', attributes: ['uid'] });
      return searchEntries.map((e) => e.uid).sort();
    });
    expect(uids).toEqual(['alice', 'bob', 'carol']);
  });

  it('runs several instances side by side and removes the data dir on stop', async () => {
    const [a, b] = await Promise.all([startSlapd(), startSlapd({ suffix: 'o=other', rootPassword: 'pw2' })]);
    try {
      expect(a.port).not.toBe(b.port);
      await withClient(b.url, async (c) => {
        await c.bind('cn=admin,o=other', 'pw2');
        const { searchEntries } = await c.search('o=other', { scope: 'base' });
        expect(searchEntries[0].dn).toBe('o=other');
      });
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(existsSync(a.dataDir)).toBe(false);
    await b.stop(); // idempotent
  });
});

describe('createTestDatabase', () => {
  it('creates a usable database named after the run, then drops it', async () => {
    const db = await createTestDatabase();
    expect(db.name).toMatch(new RegExp(`^vigie_test_${process.env[RUN_ID_ENV]}_[0-9a-f]{8}$`));
    const client = new pg.Client({ connectionString: db.url });
    client.on('error', () => undefined); // drop() closes this connection from the server side
    await client.connect();
    await client.query('CREATE TABLE t (id int PRIMARY KEY, name text)');
    await client.query(`INSERT INTO t VALUES (1, 'one')`);
    const { rows } = await client.query('SELECT current_database() AS db, name FROM t');
    expect(rows).toEqual([{ db: db.name, name: 'one' }]);

    await db.drop(); // with the connection above still open: WITH (FORCE) closes it
    await client.end().catch(() => undefined);
    const admin = new pg.Client({ connectionString: await adminDatabaseUrl() });
    await admin.connect();
    try {
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]);
      expect(rowCount).toBe(0);
    } finally {
      await admin.end();
    }
    await db.drop(); // idempotent
  });
});
