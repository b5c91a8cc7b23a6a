import { normalizeDn } from '#vigie/directory';
import { InMemorySnapshotStore, aGroup, anAccount } from '#vigie/identity/testing';
import { SnapshotPeople } from './snapshot-people.js';

describe(SnapshotPeople.name, () => {
  const store = new InMemorySnapshotStore();
  const claire = anAccount('cdurand', {
    dn: 'uid=cdurand,ou=People,dc=acme,dc=test',
    displayName: 'Claire Durand',
    mail: 'claire.durand@acme.test',
    employeeId: 'E007',
  });
  const nomail = anAccount('svc-backup', { dn: 'uid=svc-backup,ou=Services,dc=acme,dc=test' });
  const group = aGroup('finance', { dn: 'cn=finance,ou=groups,dc=acme,dc=test' });
  for (const record of [claire, nomail]) store.accounts.set(record.dnNorm, { record, fingerprint: 'f' });
  store.groups.set(group.dnNorm, { record: group, fingerprint: 'f' });
  const sut = new SnapshotPeople(store, normalizeDn);

  it('finds each person key in the snapshot by its DN, with the mail, name and employee id stored there', async () => {
    const key = 'corp:uid=cdurand,ou=people,dc=acme,dc=test';
    expect(await sut.byKeys([key, key])).toEqual([
      { key, directory: 'corp', dn: claire.dn, login: 'cdurand', name: 'Claire Durand', mail: 'claire.durand@acme.test', employeeId: 'E007' },
    ]);
  });

  it('leaves out keys of no account: gone, a group, another spelling of nothing, or no key at all', async () => {
    expect(await sut.byKeys(['corp:uid=gone,ou=people,dc=acme,dc=test', 'corp:cn=finance,ou=groups,dc=acme,dc=test', 'nodirectory'])).toEqual([]);
    expect(await sut.byKeys([])).toEqual([]);
  });

  it('answers an account without a mail with a null mail (the webhook only)', async () => {
    expect((await sut.byKeys(['corp:uid=svc-backup,ou=services,dc=acme,dc=test']))[0]).toMatchObject({ login: 'svc-backup', mail: null });
  });
});
