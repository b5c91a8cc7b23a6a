import { randomBytes } from 'node:crypto';
import type { DraftEntry, TrailStore } from './ports/trail.store.js';
import { TrailContext } from './trail-context.js';
import { GENESIS_HASH, type SealedEntry, type TrailKind, type TrailPerson } from './trail-entry.model.js';
import { canonicalEntryParts, partsHash, personalDigest, sealEntries } from './trail-hash.js';
import { ChainedTrailWriter } from './trail-writer.js';

/** An in-memory stand-in for the store: the unit under test is the writer's split and batching, not storage. */
class MemoryStore {
  readonly chains = new Map<TrailKind, SealedEntry[]>();
  readonly batches: number[] = [];
  readonly persons = new Map<string, TrailPerson>();
  async append(chain: TrailKind, drafts: DraftEntry[], persons: TrailPerson[]): Promise<SealedEntry[]> {
    await new Promise((r) => setTimeout(r, 5));
    const list = this.chains.get(chain) ?? [];
    const last = list.at(-1);
    const sealed = sealEntries(
      { chain, seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH },
      drafts.map((d) => d.entry),
    );
    this.chains.set(chain, [...list, ...sealed]);
    this.batches.push(drafts.length);
    for (const p of persons) this.persons.set(p.pseudonym, p);
    return sealed;
  }
}

describe(ChainedTrailWriter.name, () => {
  const key = randomBytes(32);
  const setup = () => {
    const store = new MemoryStore();
    return { store, sut: new ChainedTrailWriter(store as unknown as TrailStore, key, () => new Date('2026-05-01T10:00:00.000Z')) };
  };

  it('keeps people out of the chain: pseudonyms there, identity and details in the personal part', () => {
    const { sut } = setup();
    const { chain, draft, persons } = sut.prepare({
      action: 'directory.object-modified',
      actor: { type: 'person', id: 'admin.paul' },
      target: { type: 'account', id: 'corp:uid=jdupont,ou=people' },
      before: { title: 'Clerk' },
      after: { title: 'Manager' },
      reason: 'promotion of Jean Dupont',
      sourceAddress: '127.0.0.1',
      subjects: [{ login: 'jdupont', employeeId: 'E1042', displayName: 'Jean Dupont', directory: 'corp' }],
    });
    expect(chain).toBe('change');
    const chained = JSON.stringify(draft.entry);
    for (const personal of ['jdupont', 'Jean Dupont', 'E1042', 'admin.paul', 'Clerk', '127.0.0.1', 'promotion']) expect(chained).not.toContain(personal);
    expect(draft.entry).toMatchObject({
      actorType: 'person',
      actorId: expect.stringMatching(/^p_[0-9a-f]{40}$/),
      targetType: 'account',
      targetId: null,
      details: null,
      subjects: [expect.stringMatching(/^p_/)],
    });
    expect(draft.personal!.data).toEqual({
      targetId: 'corp:uid=jdupont,ou=people',
      before: { title: 'Clerk' },
      after: { title: 'Manager' },
      reason: 'promotion of Jean Dupont',
      sourceAddress: '127.0.0.1',
    });
    expect(draft.entry.personalDigest).toBe(personalDigest(draft.personal!.salt, draft.personal!.data));
    expect(persons.map((p) => p.login).sort()).toEqual(['admin.paul', 'jdupont']);
  });

  it('gives a person the same pseudonym every time, by employee id when known, and another one under another key', () => {
    const { sut } = setup();
    const a = sut.prepare({ action: 'x.y', subjects: [{ employeeId: 'E1', login: 'old-login' }] }).draft.entry.subjects[0];
    const b = sut.prepare({ action: 'x.y', subjects: [{ employeeId: 'E1', login: 'new-login' }] }).draft.entry.subjects[0];
    const other = new ChainedTrailWriter({} as TrailStore, randomBytes(32)).prepare({ action: 'x.y', subjects: [{ employeeId: 'E1' }] }).draft.entry
      .subjects[0];
    expect(a).toBe(b);
    expect(other).not.toBe(a);
  });

  it('keeps what names nobody in the chain, in clear, and takes the request context', () => {
    const { sut } = setup();
    const { chain, draft } = TrailContext.run({ correlationId: 'req-7', actor: { type: 'token', id: 'tok-1' } }, () =>
      sut.prepare({ action: 'auth.failed', target: { type: 'api', id: '/api/findings' }, after: { method: 'GET' } }),
    );
    expect(chain).toBe('access');
    expect(draft.entry).toMatchObject({
      actorType: 'token',
      actorId: 'tok-1',
      targetId: '/api/findings',
      details: { after: { method: 'GET' } },
      correlationId: 'req-7',
      personalDigest: null,
      at: '2026-05-01T10:00:00.000Z',
    });
    expect(draft.personal).toBeNull();
  });

  it('refuses an action that is not "object.verb"', () => {
    expect(() => setup().sut.prepare({ action: 'Created token' })).toThrow(/must look like "object.verb"/);
  });

  it('batches concurrent records into few transactions, in order, per kind', async () => {
    const { sut, store } = setup();
    const sealed = await Promise.all(
      Array.from({ length: 50 }, (_, i) => sut.record({ action: 'api-token.created', target: { type: 'api-token', id: `t${i}` } })),
    );
    expect(sealed.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(sealed.map((e) => e.targetId)).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`));
    expect(store.batches.length).toBeLessThanOrEqual(2);
    const both = await sut.recordMany([{ action: 'auth.failed' }, { action: 'sync.started' }, { action: 'auth.failed' }]);
    expect(both.map((e) => `${e.chain}:${e.seq}`)).toEqual(['access:1', 'operation:1', 'access:2']);
  });

  it('rejects the records of a batch the store could not append, and goes on with the next', async () => {
    const { sut, store } = setup();
    const append = store.append.bind(store);
    let fail = true;
    store.append = async (...args) => {
      if (fail) {
        fail = false;
        throw new Error('database down');
      }
      return append(...args);
    };
    await expect(sut.record({ action: 'x.y' })).rejects.toThrow('database down');
    await expect(sut.record({ action: 'x.y' })).resolves.toMatchObject({ seq: 1 });
  });
  it('gives every personal part a salt of its own, past one draw of the pool', () => {
    const { sut } = setup();
    const salts = Array.from(
      { length: 600 },
      (_, i) =>
        sut.prepare({ action: 'directory.object-modified', subjects: [{ login: `u${i}` }], target: { type: 'account', id: `corp:uid=u${i}` } }).draft.personal!
          .salt,
    );
    for (const salt of salts) expect(salt).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(salts).size).toBe(600);
  });

  it('works out the canonical text around seq while preparing, as the chain will hash it', () => {
    const { sut } = setup();
    const { chain, draft } = sut.prepare({
      action: 'directory.object-modified',
      target: { type: 'group', id: 'corp:cn=admins' },
      before: { description: 'a' },
      after: { description: 'b' },
    });
    expect(draft.parts).toEqual(canonicalEntryParts(chain, draft.entry));
    const sealed = sealEntries({ chain, seq: 41, hash: GENESIS_HASH }, [draft.entry])[0]!;
    expect(partsHash(GENESIS_HASH, draft.parts!.pre, 42, draft.parts!.post)).toBe(sealed.hash);
  });
  it('chains prepared entries only when they are recorded', async () => {
    const { sut, store } = setup();
    const prepared = TrailContext.run({ correlationId: 'run', actor: { type: 'system', id: 'sync' } }, () =>
      sut.prepareDirectoryChanges('corp', 'run', [{ type: 'membership-added', groupDn: 'cn=admins', memberDn: 'uid=a' }]),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(store.chains.get('change')).toBeUndefined();
    await prepared.record();
    expect(store.chains.get('change')).toHaveLength(1);
  });
});
