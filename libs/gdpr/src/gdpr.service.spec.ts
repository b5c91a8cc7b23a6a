import type { UnitOfWork } from '#vigie/common';
import type { AccountRecord, SnapshotStore } from '#vigie/identity';
import type { PolicySource } from '#vigie/policy';
import type { TrailKeys, TrailStore, TrailWriter } from '#vigie/trail';
import { AccountsChangedDuringErasureError, StillInDirectoryError, UnknownDataSubjectError } from './gdpr.errors.js';
import { type ErasureTransaction, GdprService } from './gdpr.service.js';
import { type ErasureOutcome, type ErasureRecord, type IdentityForms, PersonalDataStore, type StoredFinding } from './ports/personal-data.store.js';

const NONE: IdentityForms = { employeeIds: [], logins: [], dns: [], names: [], mails: [], directories: [] };
const HELENE = 'uid=hlefevre,ou=people,dc=acme,dc=test';

/** A store whose rows are given: what the registry's identifying columns hold, and what erasures were recorded. */
class FakePersonalData extends PersonalDataStore {
  accounts: AccountRecord[] = [];
  /** What a sync wrote between the search and the erasure. */
  accountsUnderLock?: AccountRecord[];
  rows: IdentityForms = NONE;
  erasures = new Map<string, ErasureRecord>();
  erased: Array<Parameters<PersonalDataStore['erase']>[0]> = [];

  async findAccounts(): Promise<AccountRecord[]> {
    return this.accounts;
  }
  async lockAccounts(): Promise<AccountRecord[]> {
    return this.accountsUnderLock ?? this.accounts;
  }
  async identify(seed: IdentityForms): Promise<IdentityForms> {
    const known = [...seed.logins, ...seed.employeeIds].some((v) => [...this.rows.logins, ...this.rows.employeeIds].includes(v));
    return known ? this.rows : NONE;
  }
  async holdings(): Promise<Record<string, number>> {
    return {};
  }
  async findingsAbout(): Promise<StoredFinding[]> {
    return [];
  }
  async erase(input: Parameters<PersonalDataStore['erase']>[0]): Promise<ErasureOutcome> {
    this.erased.push(input);
    for (const d of input.record.digests) this.erasures.set(d, { pseudonym: input.record.pseudonym, erasedAt: new Date('2026-12-07T09:00:00Z') });
    return { rows: { finding: 2 }, trailEntries: 0, trailPersons: 0, trailErasure: { erasureId: 'e1', at: new Date('2026-12-07T09:00:00Z'), entries: [] } };
  }
  async findErasure(digests: string[]): Promise<ErasureRecord | null> {
    return digests.map((d) => this.erasures.get(d)).find((e) => e) ?? null;
  }
}

describe(GdprService.name, () => {
  let data: FakePersonalData;
  let recorded: Array<{ action: string; after?: unknown }>;
  let sut: GdprService;

  beforeEach(() => {
    data = new FakePersonalData();
    recorded = [];
    const trail = { record: async (e: { action: string; after?: unknown }) => void recorded.push(e) } as unknown as TrailWriter;
    const trailStore = { findPersons: async () => [], persons: async () => [], query: async () => [] } as unknown as TrailStore;
    const uow: UnitOfWork<ErasureTransaction> = { run: (work) => work({ personalData: data, trail }) } as UnitOfWork<ErasureTransaction>;
    const keys = { pseudonymKey: Buffer.alloc(32, 7) } as TrailKeys;
    sut = new GdprService(data, trailStore, trail, {} as SnapshotStore, {} as PolicySource, keys, uow);
    // Hélène left the directory: her findings and sync changes still name her.
    data.rows = { ...NONE, employeeIds: ['E2003'], logins: ['hlefevre'], dns: [HELENE], directories: ['corp'] };
  });

  it('erases someone who left the directory from what the rows hold, her DN giving her login, the request her name and mail', async () => {
    const result = await sut.erase('E2003', { names: ['Hélène Lefèvre'], mails: ['helene.lefevre@acme.test'] }, new Date('2026-12-07T09:00:00Z'));
    expect(result).toMatchObject({ accounts: 0, alreadyErased: false, erasedAt: '2026-12-07T09:00:00.000Z', rows: { finding: 2 } });
    const label = `erased-${result.pseudonym.slice(2, 10)}`;
    const [input] = data.erased;
    expect(input.replacements).toEqual(
      expect.arrayContaining([
        { value: HELENE, by: `uid=${label},ou=people,dc=acme,dc=test` },
        { value: 'helene.lefevre@acme.test', by: `${label}@invalid` },
        { value: 'Hélène Lefèvre', by: label },
        { value: 'Lefèvre, Hélène', by: label },
        { value: 'hlefevre', by: label },
        { value: 'E2003', by: label },
      ]),
    );
    expect(input.record).toMatchObject({
      pseudonym: result.pseudonym,
      forced: false,
      digests: expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}$/)]),
    });
    expect(input.record.digests.join()).not.toMatch(/hlefevre|E2003/i);
    expect(recorded).toEqual([expect.objectContaining({ action: 'gdpr.erased', after: expect.objectContaining({ rows: { finding: 2 }, forced: false }) })]);
  });

  it('answers a second erasure, by login or employee id in any case, with when she was erased, recording nothing', async () => {
    const first = await sut.erase('hlefevre');
    data.rows = NONE; // nothing left
    recorded = [];
    for (const again of ['E2003', 'HLEFEVRE']) {
      await expect(sut.erase(again)).resolves.toEqual({
        pseudonym: first.pseudonym,
        accounts: 0,
        rows: {},
        trailEntries: 0,
        trailPersons: 0,
        alreadyErased: true,
        erasedAt: '2026-12-07T09:00:00.000Z',
      });
    }
    expect(recorded).toEqual([]);
    expect(data.erased).toHaveLength(1);
    await expect(sut.export('hlefevre')).resolves.toMatchObject({ erasure: { pseudonym: first.pseudonym, erasedAt: '2026-12-07T09:00:00.000Z' } });
  });

  it('says a person it never held is unknown, and refuses someone still in a directory unless forced', async () => {
    await expect(sut.erase('nobody')).rejects.toThrow(UnknownDataSubjectError);
    data.accounts = [{ directory: 'corp', dn: HELENE, dnNorm: HELENE, login: 'hlefevre', employeeId: 'E2003' } as AccountRecord];
    await expect(sut.erase('hlefevre')).rejects.toThrow(StillInDirectoryError);
    await expect(sut.erase('hlefevre', { force: true })).resolves.toMatchObject({ accounts: 1 });
    expect(data.erased[0].record.forced).toBe(true);
  });

  it('erases nothing when a sync brought an account back between the search and the erasure', async () => {
    data.accountsUnderLock = [{ directory: 'corp', dn: HELENE, dnNorm: HELENE, login: 'hlefevre', employeeId: 'E2003' } as AccountRecord];
    await expect(sut.erase('hlefevre')).rejects.toThrow(AccountsChangedDuringErasureError);
    await expect(sut.erase('hlefevre')).rejects.toMatchObject({ kind: 'conflict' });
    expect(data.erased).toEqual([]);
    expect(recorded).toEqual([]);
  });
});
