import { type AccountRecord, type DirectorySnapshot } from '#vigie/identity';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { type Policy, type ResourceDef, StaticPolicySource, defaultSettings } from '#vigie/policy';
import { SnapshotSlices } from './__fixtures__/snapshot-slices.js';
import { AmbiguousIdentityError, DirectoryNotSynchronisedError, UnknownIdentityError, UnknownResourceError } from './effective-access.errors.js';
import { EffectiveAccessService } from './effective-access.service.js';
import { formatExplanation } from './explanation.formatter.js';

const share: ResourceDef = {
  id: 'share-x',
  type: 'share',
  name: '\\\\fs\\X',
  grants: { write: ['DL_X_RW'], read: ['DL_X_R'] },
  source: { file: 'r.yaml', index: 0, line: 3 },
};
const policy: Policy = { version: 'c'.repeat(64), dir: '/p', files: [], resources: [share], accessRules: [], sodRules: [], settings: defaultSettings() };

function directory(name: string, accounts: AccountRecord[], links: Array<[string, string]>): DirectorySnapshot {
  const snap = aSnapshot(
    accounts.map((a) => ({ ...a, directory: name })),
    [aGroup('GG_X'), aGroup('DL_X_RW'), aGroup('DL_X_R')],
    links,
  );
  return { ...snap, directory: name };
}

describe(EffectiveAccessService.name, () => {
  const corp = directory(
    'corp',
    [anAccount('jdupont', { employeeId: 'E1' }), anAccount('adm-jdupont', { employeeId: 'E1' }), anAccount('other')],
    [
      ['jdupont', 'GG_X'],
      ['GG_X', 'DL_X_RW'],
      ['adm-jdupont', 'DL_X_R'],
    ],
  );
  const branch = directory('branch', [anAccount('jdupont', { employeeId: 'E9' })], []);
  const sut = new EffectiveAccessService(new StaticPolicySource(policy), new SnapshotSlices([corp, branch]));

  it('finds a person by employee id with all their accounts, each with every path', async () => {
    const view = await sut.identityAccess('E1');
    expect(view.accounts.map((a) => [a.login, a.access.map((x) => `${x.resource.id}:${x.levels.join('+')}`)])).toEqual([
      ['jdupont', ['share-x:write']],
      ['adm-jdupont', ['share-x:read']],
    ]);
    expect(view.accounts[0].access[0].entitlements[0].explain).toEqual([
      'jdupont ∈ GG_X (direct)',
      'GG_X ∈ DL_X_RW (nested)',
      'DL_X_RW grants write on share-x',
    ]);
  });

  it('gives an identity’s groups, each with how it is held and the group it is nested through, for every account of the person', async () => {
    const view = await sut.identityGroups('jdupont', { directory: 'corp' });
    const groupsOf = (login: string) =>
      view.accounts
        .find((a) => a.login === login)!
        .groups.filter((g) => g.kind === 'group')
        .map((g) => [g.name, g.how, g.via]);
    // Asked by login in one directory, the person's other account (same employee id) comes too; not E9's namesake.
    expect(view.accounts.map((a) => `${a.directory}/${a.login}`).sort()).toEqual(['corp/adm-jdupont', 'corp/jdupont']);
    expect(groupsOf('jdupont')).toEqual([
      ['DL_X_RW', 'nested', 'GG_X'],
      ['GG_X', 'direct', null],
    ]);
    expect(groupsOf('adm-jdupont')).toEqual([['DL_X_R', 'direct', null]]);
    expect(view.accounts.find((a) => a.login === 'jdupont')!.groups.find((g) => g.name === 'DL_X_RW')!.explain).toEqual([
      'jdupont ∈ GG_X (direct)',
      'GG_X ∈ DL_X_RW (nested)',
    ]);
    const onlyJdupont = (a: { directory: string; dn: string }) => a.directory === 'corp' && /^cn=jdupont,/i.test(a.dn);
    expect((await sut.identityGroups('E1', { visible: onlyJdupont })).accounts.map((a) => a.login)).toEqual(['jdupont']);
  });

  it('lists the policy’s resources as summaries', async () => {
    expect(await sut.resourceCatalogue()).toEqual({
      policyVersion: policy.version,
      resources: [{ id: 'share-x', type: 'share', name: '\\\\fs\\X', criticality: null, owner: null, personalData: null }],
    });
  });

  it('prefers a DN, then a login; a login in several directories needs the directory', async () => {
    expect((await sut.identityAccess('CN=other, OU=People, DC=acme, DC=test')).accounts.map((a) => a.login)).toEqual(['other']);
    await expect(sut.identityAccess('JDUPONT')).rejects.toThrow(AmbiguousIdentityError);
    expect((await sut.identityAccess('jdupont', { directory: 'branch' })).accounts.map((a) => `${a.directory}/${a.employeeId}`)).toEqual(['branch/E9']);
  });

  it('answers an identity the caller may not see exactly as one that does not exist, before any ambiguity', async () => {
    const onlyCorpJdupont = (a: { directory: string; dn: string }) => a.directory === 'corp' && /^cn=jdupont,/i.test(a.dn);
    // Both directories hold a jdupont: only the visible one counts, so no conflict naming the other directory.
    expect((await sut.identityAccess('jdupont', { visible: onlyCorpJdupont })).accounts.map((a) => `${a.directory}/${a.login}`)).toEqual(['corp/jdupont']);
    // Their employee id names their admin account too: hidden from them.
    expect((await sut.identityAccess('E1', { visible: onlyCorpJdupont })).accounts.map((a) => a.login)).toEqual(['jdupont']);
    const hidden = await sut.identityAccess('other', { visible: onlyCorpJdupont }).catch((e: Error) => e);
    const missing = await sut.identityAccess('ghost', { visible: onlyCorpJdupont }).catch((e: Error) => e);
    expect(hidden).toBeInstanceOf(UnknownIdentityError);
    expect((hidden as Error).message).toBe((missing as Error).message.replace('ghost', 'other'));
  });

  it('says what it cannot find: identity, resource, directory', async () => {
    await expect(sut.identityAccess('ghost')).rejects.toThrow(UnknownIdentityError);
    await expect(sut.explain('other', 'share-y')).rejects.toThrow(UnknownResourceError);
    await expect(sut.identityAccess('other', { directory: 'nowhere' })).rejects.toThrow(DirectoryNotSynchronisedError);
  });

  it('lists holders page by page across directories, and explains absence', async () => {
    const page = await sut.resourceAccess('share-x', { limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.holders.map((h) => h.login)).toEqual(['adm-jdupont']);
    const none = await sut.explain('other', 'share-x');
    expect(formatExplanation(none)).toMatch(
      /^other \(corp\) does not reach share-x .*granted to DL_X_RW \(write\), DL_X_R \(read\), and other is in none of them\.$/m,
    );
  });

  it('reads the policy once for questions asked together, and answers from the last one while it reads it again', async () => {
    let reads = 0;
    let release: (() => void) | undefined;
    const slow = new (class extends StaticPolicySource {
      override async load(): Promise<Policy> {
        reads++;
        await new Promise<void>((resolve) => (release = resolve));
        return policy;
      }
    })(policy);
    let now = 1_000_000;
    const service = new EffectiveAccessService(slow, new SnapshotSlices([corp, branch]), () => now);
    const asked = Promise.all(Array.from({ length: 20 }, () => service.identityAccess('E1')));
    await new Promise((r) => setImmediate(r));
    release!();
    const views = await asked;
    expect(reads).toBe(1);
    expect(views.every((v) => v.accounts.length === 2)).toBe(true);

    // Five seconds later the policy is read again; the questions meanwhile are answered at once from the last read.
    now += 6_000;
    release = undefined;
    const during = await service.identityAccess('E1');
    expect(during.accounts).toHaveLength(2);
    expect(reads).toBe(2);
    expect(release).toBeDefined();
    release!();
    await service.identityAccess('E1');
    expect(reads).toBe(2);
  });
});
