import type { TrailVerification, TrailVerifier } from '#vigie/trail';
import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import { VerifyTrail } from './verify-trail.use-case.js';

describe(VerifyTrail.name, () => {
  const input = VerifyTrail.definition.input;
  let asked: unknown[];
  let sut: VerifyTrail;

  beforeEach(() => {
    asked = [];
    const verifier: Pick<TrailVerifier, 'verify'> = {
      verify: async (options = {}): Promise<TrailVerification> => {
        asked.push(options);
        return {
          ok: false,
          chains: [],
          problems: [{ chain: 'change', seq: 7, kind: 'altered', message: 'entry 7 of chain change was altered: its hash does not match its content' }],
          checkpoints: { valid: 2, invalid: [], otherKeys: [], untrusted: [] },
          trust: { pinned: ['0123456789abcdef'], pinnedFrom: 'configuration', rotations: [] },
          published: { source: 'file /var/lib/vigie/trail-checkpoints.jsonl', checkpoints: 2, notPublished: 0 },
          erasures: { records: 0 },
          warnings: [],
          durationMs: 3,
        };
      },
    };
    sut = new VerifyTrail(fakeOf<TrailVerifier>(verifier));
  });

  it('needs the ability to read the audit log', () => {
    expect(VerifyTrail.definition).toMatchObject({ name: 'verify-trail', ability: ['read', 'AuditLog'] });
  });

  it('refuses an empty or overlong checkpoint id, and unknown fields', () => {
    expect(refusalsOf(input, { from: '' })).toEqual([expect.stringMatching(/^from: /)]);
    expect(refusalsOf(input, { from: 'c'.repeat(65) })).toEqual([expect.stringMatching(/^from: /)]);
    expect(refusalsOf(input, { chain: 'change' })).toEqual(['unknown field(s) chain']);
  });

  it('verifies every chain from its start when no anchor is given, and answers the verification as it is', async () => {
    const out = await sut.execute(parsedBy(input, {}));
    expect(asked).toEqual([{ from: undefined }]);
    expect(out).toMatchObject({ ok: false, problems: [expect.objectContaining({ seq: 7 })] });
  });

  it('verifies from the checkpoint given, or from the latest ones', async () => {
    await sut.execute(parsedBy(input, { from: 'latest' }));
    await sut.execute(parsedBy(input, { from: '01J9Z3M4' }));
    expect(asked).toEqual([{ from: 'latest' }, { from: '01J9Z3M4' }]);
  });
});
