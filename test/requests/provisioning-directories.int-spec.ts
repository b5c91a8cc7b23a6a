/**
 * The provisioning jobs (provision-access, remove-access) against the real slapd and the real Samba AD, through a TCP
 * relay the tests can cut (the directory stopped, then back), the requests, the trail and the jobs in a real PostgreSQL
 * (a Vigie composed on the test database): what is checked here is what reaches the directory and what the grant says
 * of it; every membership is read from the server.
 */
import { VigieError } from '#vigie/common';
import { type DirectoryWriter, createDirectoryWriter } from '#vigie/directory';
import type { Vigie } from '#vigie/application';
import { type AccessRequest, ending } from '#vigie/requests';
import { aPersonRef, anApprovedRequest } from '#vigie/requests/testing';
import { ProvisionAccess } from '../../libs/application/src/use-cases/provision-access/provision-access.use-case.js';
import { RemoveAccess } from '../../libs/application/src/use-cases/remove-access/remove-access.use-case.js';
import { type TestDatabase, createTestDatabase } from '../support/database.js';
import { type SambaInstance, type TestOu, createTestOu, sambaDc } from '../support/samba.js';
import { type SlapdInstance, ldapModify, startSlapd } from '../support/slapd.js';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy.js';
import { testVigie } from '../support/vigie.js';

const SAMBA_START_MS = 240_000;
type WriterSource = Parameters<typeof createDirectoryWriter>[0]['directories'][number];

/** One directory as the scenarios need it: Vigie's writer through the relay, and a direct look at the server. */
interface Target {
  name: string;
  writer: DirectoryWriter;
  proxy: TcpProxy;
  group: string;
  members: () => Promise<string[]>;
  /** Adds the member as an administrator would, outside Vigie. */
  addByHand: (memberDn: string) => Promise<void>;
  people: string[];
}

let nextId = 1;
/** An approved request of the member (their own beneficiary: one open request per person and resource) for the group. */
const requestFor = (t: Target, memberDn: string, groupDn = t.group): AccessRequest =>
  anApprovedRequest(
    { directory: t.name, groupDn, memberDn, durationDays: 30 },
    {
      id: `0b7c4f6e-1d2a-4c3b-9e8f-${String(nextId++).padStart(12, '0')}`,
      beneficiary: aPersonRef(memberDn.split(',')[0]!.split('=')[1]!, { directory: t.name, dn: memberDn }),
    },
  );

function scenarios(title: string, target: () => Target, vigie: () => Vigie) {
  describe(title, () => {
    /** The request stored, and the use cases the worker runs on it, on the composed Vigie's unit of work. */
    const world = async (request: AccessRequest) => {
      const t = target();
      const d = vigie().dependencies;
      // The use cases enqueue notices in their unit of work: the queue is started before it (as composed).
      const [store, uow] = await Promise.all([d.requestStore(), d.jobQueue().then(() => d.unitOfWork())]);
      await store.insert(request);
      const stored = async () => (await store.get(request.id))!;
      return {
        t,
        uow,
        stored,
        provision: () => new ProvisionAccess(uow, t.writer).execute({ requestId: request.id }),
        remove: () => new RemoveAccess(uow, t.writer).execute({ requestId: request.id }),
        /** The grant's end decided (as the sweep or a revocation does). */
        end: async () => void (await store.update(ending(await stored(), 'expired', null, null, new Date()))),
        /** This request's trail actions, oldest first. */
        trail: async () => (await vigie().run('query-trail', { target: request.id, limit: 500 })).entries.map((e) => e.action).reverse(),
      };
    };
    const lower = (dns: string[]) => dns.map((d) => d.toLowerCase());

    it('adds the membership once, confirmed by the server, and removes it at the end of the grant', async () => {
      const t = target();
      const member = t.people[0];
      const w = await world(requestFor(t, member));
      expect(await w.provision()).toMatchObject({ status: 'active', outcome: 'added' });
      expect(lower(await t.members())).toContain(member.toLowerCase());
      // Delivered again: nothing more is written.
      expect(await w.provision()).toMatchObject({ outcome: null });
      expect(await w.trail()).toEqual(['access-grant.provisioned']);
      await w.end();
      expect(await w.remove()).toMatchObject({ status: 'ended', outcome: 'removed' });
      expect(lower(await t.members())).not.toContain(member.toLowerCase());
      expect(await w.trail()).toEqual(['access-grant.provisioned', 'access-grant.removed']);
    });

    it("takes a membership made outside Vigie as 'already', and leaves it alone at the end", async () => {
      const t = target();
      const member = t.people[1];
      await t.addByHand(member);
      const w = await world(requestFor(t, member));
      expect(await w.provision()).toMatchObject({ status: 'active', outcome: 'already' });
      await w.end();
      expect(await w.remove()).toMatchObject({ status: 'ended', outcome: 'left-alone' });
      expect(lower(await t.members())).toContain(member.toLowerCase());
      expect(await w.trail()).toEqual(['access-grant.provisioned', 'access-grant.left-alone']);
    });

    it('throws unavailable while the directory is stopped, the grant waiting with the error, and provisions once when it is back', async () => {
      const t = target();
      const member = t.people[2];
      const w = await world(requestFor(t, member));
      await t.proxy.cut();
      try {
        await expect(w.provision()).rejects.toMatchObject({ kind: 'unavailable' });
        await expect(w.provision()).rejects.toMatchObject({ kind: 'unavailable' });
      } finally {
        await t.proxy.restore();
      }
      expect((await w.stored()).grant).toMatchObject({ status: 'provisioning', lastError: expect.stringContaining('connection refused') });
      expect(await w.trail()).toEqual([]);
      expect(lower(await t.members())).not.toContain(member.toLowerCase());
      expect(await w.provision()).toMatchObject({ status: 'active', outcome: 'added' });
      expect(lower(await t.members()).filter((m) => m === member.toLowerCase())).toHaveLength(1);
    });

    it("resumes after a worker killed between the write and its commit: Vigie's own add, removed at the end", async () => {
      const t = target();
      const member = t.people[0];
      const w = await world(requestFor(t, member));
      // The first try writes to the server, then its process dies before committing the grant.
      const dying = Object.assign(Object.create(t.writer) as DirectoryWriter, {
        addMember: async (d: string, g: string, m: string) => {
          await t.writer.addMember(d, g, m);
          throw new VigieError('unavailable', 'the worker was killed');
        },
      });
      await expect(new ProvisionAccess(w.uow, dying).execute({ requestId: (await w.stored()).id })).rejects.toThrow('killed');
      expect(lower(await t.members())).toContain(member.toLowerCase());
      expect(await w.provision()).toMatchObject({ status: 'active', outcome: 'added' });
      await w.end();
      expect(await w.remove()).toMatchObject({ outcome: 'removed' });
      expect(lower(await t.members())).not.toContain(member.toLowerCase());
    });

    it('keeps the grant failed, with the error, when the group does not exist', async () => {
      const t = target();
      const missing = t.group.replace(/^(cn=)[^,]+/i, '$1vigie-no-such-group');
      const w = await world(requestFor(t, t.people[0], missing));
      await expect(w.provision()).rejects.toMatchObject({ kind: 'not-found' });
      const grant = (await w.stored()).grant!;
      expect(grant).toMatchObject({ status: 'failed', lastError: expect.stringContaining('vigie-no-such-group') });
      expect(await w.trail()).toEqual(['access-grant.provisioning-failed']);
    });
  });
}

describe('provisioning access requests on real directories', () => {
  const targets: Record<string, Target> = {};
  let slapd: SlapdInstance;
  let ou: TestOu;
  let dc: SambaInstance;
  let db: TestDatabase;
  let vigie: Vigie;

  beforeAll(async () => {
    db = await createTestDatabase();
    vigie = testVigie({ url: db.url, overrides: { log: { level: 'silent' } } });
    const SUFFIX = 'dc=acme,dc=test';
    const person = (uid: string) => `uid=${uid},ou=people,${SUFFIX}`;
    const group = `cn=finance-rw,ou=groups,${SUFFIX}`;
    const people = ['nina', 'oscar', 'paula'];
    const ldif = [
      `dn: ou=people,${SUFFIX}\nobjectClass: organizationalUnit\nou: people\n`,
      `dn: ou=groups,${SUFFIX}\nobjectClass: organizationalUnit\nou: groups\n`,
      ...people.map((uid) => `dn: ${person(uid)}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: ${uid}\nsn: ${uid}\n`),
      // groupOfNames needs a member: the group's owner stands in.
      `dn: ${group}\nobjectClass: groupOfNames\ncn: finance-rw\nmember: cn=admin,${SUFFIX}\n`,
    ].join('\n');
    [slapd, dc] = await Promise.all([startSlapd({ ldif }), sambaDc({ startTimeoutMs: SAMBA_START_MS })]);

    const slapdUrl = new URL(slapd.url);
    const ldapProxy = await startTcpProxy({ host: slapdUrl.hostname, port: Number(slapdUrl.port) });
    const source = (over: Partial<WriterSource>) => ({ timeoutMs: 5000, ...over }) as WriterSource;
    targets.openldap = {
      name: 'corp-ldap',
      proxy: ldapProxy,
      group,
      people: people.map(person),
      writer: createDirectoryWriter({
        directories: [
          source({ kind: 'ldap', name: 'corp-ldap', url: ldapProxy.via(slapd.url), baseDn: SUFFIX, bindDn: slapd.rootDn, bindPassword: slapd.rootPassword }),
        ],
      }),
      members: async () => valuesOf(await slapd.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', group, '(objectClass=*)', 'member'])),
      addByHand: async (dn) => void (await ldapModify(slapd, `dn: ${group}\nchangetype: modify\nadd: member\nmember: ${dn}\n`)),
    };

    ou = await createTestOu('provisioning', dc);
    const adPeople = ['Nina Roy', 'Oscar Lind', 'Paula Ney'].map((cn) => `CN=${cn},${ou.dn}`);
    const adGroup = `CN=GG-Finance-RW,${ou.dn}`;
    await dc.addLdif(
      [
        ...adPeople.map((dn, i) => `dn: ${dn}\nobjectClass: user\nsAMAccountName: ${ou.tag}-p${i}\nuserAccountControl: 514`),
        `dn: ${adGroup}\nobjectClass: group\nsAMAccountName: ${ou.tag}-gg-fin\ngroupType: -2147483646`,
      ].join('\n\n') + '\n',
    );
    const dcUrl = new URL(dc.url);
    const adProxy = await startTcpProxy({ host: dcUrl.hostname, port: Number(dcUrl.port || 389) });
    targets.ad = {
      name: 'corp-ad',
      proxy: adProxy,
      group: adGroup,
      people: adPeople,
      writer: createDirectoryWriter({
        directories: [
          source({
            kind: 'ad',
            name: 'corp-ad',
            url: adProxy.via(dc.url),
            baseDn: dc.baseDn,
            bindDn: dc.adminDn,
            bindPassword: dc.adminPassword,
            timeoutMs: 10_000,
          }),
        ],
      }),
      members: async () => valuesOf(await dc.ldapTool('ldapsearch', ['-LLL', '-o', 'ldif-wrap=no', '-s', 'base', '-b', adGroup, '(objectClass=*)', 'member'])),
      addByHand: (dn) => dc.modifyLdif(`dn: ${adGroup}\nchangetype: modify\nadd: member\nmember: ${dn}\n`),
    };
  }, SAMBA_START_MS);

  afterAll(async () => {
    await Promise.all(Object.values(targets).map((t) => t.proxy.cut()));
    await vigie?.close();
    await Promise.all([slapd?.stop(), ou?.remove(), db?.drop()]);
  });

  scenarios(
    'on OpenLDAP (slapd)',
    () => targets.openldap,
    () => vigie,
  );
  scenarios(
    'on Active Directory (Samba)',
    () => targets.ad,
    () => vigie,
  );
});

/** The `member` values of an ldapsearch answer (base64 ones decoded). */
function valuesOf(ldif: string): string[] {
  return ldif
    .split('\n')
    .filter((l) => /^member::? /i.test(l))
    .map((l) => (l.startsWith('member:: ') ? Buffer.from(l.slice(9), 'base64').toString('utf8') : l.slice(8)));
}
