/**
 * The provisioning jobs (provision-access, remove-access) against the real slapd and the real Samba AD, through a TCP
 * relay the tests can cut (the directory stopped, then back). The requests are kept by an in-memory store: what is
 * checked here is what reaches the directory and what the grant says of it; every membership is read from the server.
 */
import { VigieError } from '#vigie/common';
import { type DirectoryWriter, createDirectoryWriter } from '#vigie/directory';
import { type AccessRequest, ending } from '#vigie/requests';
import { anApprovedRequest } from '#vigie/requests/testing';
import { accessRequestsWorld } from '#vigie/application/testing';
import { ProvisionAccess } from '../../libs/application/src/use-cases/provision-access/provision-access.use-case.js';
import { RemoveAccess } from '../../libs/application/src/use-cases/remove-access/remove-access.use-case.js';
import { type SambaInstance, type TestOu, createTestOu, sambaDc } from '../support/samba.js';
import { type SlapdInstance, ldapModify, startSlapd } from '../support/slapd.js';
import { type TcpProxy, startTcpProxy } from '../support/tcp-proxy.js';

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
const requestFor = (t: Target, memberDn: string, groupDn = t.group): AccessRequest =>
  anApprovedRequest({ directory: t.name, groupDn, memberDn, durationDays: 30 }, { id: `0b7c4f6e-1d2a-4c3b-9e8f-${String(nextId++).padStart(12, '0')}` });

function scenarios(title: string, target: () => Target) {
  describe(title, () => {
    const world = (request: AccessRequest) => {
      const t = target();
      const w = accessRequestsWorld(request);
      return {
        ...w,
        t,
        provision: () => new ProvisionAccess(w.uow, t.writer).execute({ requestId: request.id }),
        remove: () => new RemoveAccess(w.uow, t.writer).execute({ requestId: request.id }),
        /** The grant's end decided (as the sweep or a revocation does). */
        end: () => w.store.rows.set(request.id, ending(w.request(request.id), 'expired', null, null, new Date())),
      };
    };
    const lower = (dns: string[]) => dns.map((d) => d.toLowerCase());

    it('adds the membership once, confirmed by the server, and removes it at the end of the grant', async () => {
      const t = target();
      const member = t.people[0];
      const w = world(requestFor(t, member));
      expect(await w.provision()).toMatchObject({ status: 'active', outcome: 'added' });
      expect(lower(await t.members())).toContain(member.toLowerCase());
      // Delivered again: nothing more is written.
      expect(await w.provision()).toMatchObject({ outcome: null });
      expect(w.trail.actions).toEqual(['access-grant.provisioned']);
      w.end();
      expect(await w.remove()).toMatchObject({ status: 'ended', outcome: 'removed' });
      expect(lower(await t.members())).not.toContain(member.toLowerCase());
      expect(w.trail.actions).toEqual(['access-grant.provisioned', 'access-grant.removed']);
    });

    it("takes a membership made outside Vigie as 'already', and leaves it alone at the end", async () => {
      const t = target();
      const member = t.people[1];
      await t.addByHand(member);
      const w = world(requestFor(t, member));
      expect(await w.provision()).toMatchObject({ status: 'active', outcome: 'already' });
      w.end();
      expect(await w.remove()).toMatchObject({ status: 'ended', outcome: 'left-alone' });
      expect(lower(await t.members())).toContain(member.toLowerCase());
      expect(w.trail.actions).toEqual(['access-grant.provisioned', 'access-grant.left-alone']);
    });

    it('throws unavailable while the directory is stopped, the grant waiting with the error, and provisions once when it is back', async () => {
      const t = target();
      const member = t.people[2];
      const w = world(requestFor(t, member));
      await t.proxy.cut();
      try {
        await expect(w.provision()).rejects.toMatchObject({ kind: 'unavailable' });
        await expect(w.provision()).rejects.toMatchObject({ kind: 'unavailable' });
      } finally {
        await t.proxy.restore();
      }
      expect([...w.store.rows.values()][0].grant).toMatchObject({ status: 'provisioning', lastError: expect.stringContaining('connection refused') });
      expect(w.trail.actions).toEqual([]);
      expect(lower(await t.members())).not.toContain(member.toLowerCase());
      expect(await w.provision()).toMatchObject({ status: 'active', outcome: 'added' });
      expect(lower(await t.members()).filter((m) => m === member.toLowerCase())).toHaveLength(1);
    });

    it("resumes after a worker killed between the write and its commit: Vigie's own add, removed at the end", async () => {
      const t = target();
      const member = t.people[0];
      const w = world(requestFor(t, member));
      // The first try writes to the server, then its process dies before committing the grant.
      const dying = Object.assign(Object.create(t.writer) as DirectoryWriter, {
        addMember: async (d: string, g: string, m: string) => {
          await t.writer.addMember(d, g, m);
          throw new VigieError('unavailable', 'the worker was killed');
        },
      });
      await expect(new ProvisionAccess(w.uow, dying).execute({ requestId: [...w.store.rows.keys()][0] })).rejects.toThrow('killed');
      expect(lower(await t.members())).toContain(member.toLowerCase());
      expect(await w.provision()).toMatchObject({ status: 'active', outcome: 'added' });
      w.end();
      expect(await w.remove()).toMatchObject({ outcome: 'removed' });
      expect(lower(await t.members())).not.toContain(member.toLowerCase());
    });

    it('keeps the grant failed, with the error, when the group does not exist', async () => {
      const t = target();
      const missing = t.group.replace(/^(cn=)[^,]+/i, '$1vigie-no-such-group');
      const w = world(requestFor(t, t.people[0], missing));
      await expect(w.provision()).rejects.toMatchObject({ kind: 'not-found' });
      const grant = [...w.store.rows.values()][0].grant!;
      expect(grant).toMatchObject({ status: 'failed', lastError: expect.stringContaining('vigie-no-such-group') });
      expect(w.trail.actions).toEqual(['access-grant.provisioning-failed']);
    });
  });
}

describe('provisioning access requests on real directories', () => {
  const targets: Record<string, Target> = {};
  let slapd: SlapdInstance;
  let ou: TestOu;
  let dc: SambaInstance;

  beforeAll(async () => {
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
    await Promise.all([slapd?.stop(), ou?.remove()]);
  });

  scenarios('on OpenLDAP (slapd)', () => targets.openldap);
  scenarios('on Active Directory (Samba)', () => targets.ad);
});

/** The `member` values of an ldapsearch answer (base64 ones decoded). */
function valuesOf(ldif: string): string[] {
  return ldif
    .split('\n')
    .filter((l) => /^member::? /i.test(l))
    .map((l) => (l.startsWith('member:: ') ? Buffer.from(l.slice(9), 'base64').toString('utf8') : l.slice(8)));
}
