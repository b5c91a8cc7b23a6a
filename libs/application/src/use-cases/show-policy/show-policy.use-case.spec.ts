import { fakeOf, parsedBy, refusalsOf } from '../../testing/index.js';
import type { PolicyStatus } from '../policy-status/policy-status.use-case.js';
import { ShowPolicy } from './show-policy.use-case.js';

describe(ShowPolicy.name, () => {
  const status: PolicyStatus = {
    dir: '/srv/vigie/policies',
    local: { valid: false, problems: 1 },
    lastValid: {
      version: 'b'.repeat(64),
      source: '/srv/vigie/policies',
      files: [{ path: 'resources/shares.yaml', bytes: new Uint8Array(12) }],
      firstStoredAt: new Date('2026-04-01T02:00:00Z'),
      lastValidAt: new Date('2026-05-03T02:00:00Z'),
    },
    lastFailure: {
      at: new Date('2026-05-04T02:00:00Z'),
      source: '/srv/vigie/policies',
      message: 'resources/shares.yaml:4:1  bad indentation',
      errors: [{ file: 'resources/shares.yaml', line: 4, column: 1, path: '', message: 'bad indentation' }],
      fallbackVersion: 'b'.repeat(64),
    },
  };
  const sut = new ShowPolicy(fakeOf<{ execute(): Promise<PolicyStatus> }>({ execute: async () => status }));

  it('needs the ability to read the policy, and takes no input', () => {
    expect(ShowPolicy.definition).toMatchObject({ name: 'show-policy', ability: ['read', 'Policy'] });
    expect(parsedBy(ShowPolicy.definition.input, {})).toEqual({});
    expect(refusalsOf(ShowPolicy.definition.input, { dir: '/tmp' })).toEqual(['unknown field(s) dir']);
  });

  it('gives the policy in force with its files named and sized, and the last failure, without the server’s paths', async () => {
    const shown = await sut.execute();
    expect(shown).toEqual({
      local: { valid: false, problems: 1 },
      lastValid: {
        version: 'b'.repeat(64),
        firstStoredAt: status.lastValid!.firstStoredAt,
        lastValidAt: status.lastValid!.lastValidAt,
        files: [{ path: 'resources/shares.yaml', bytes: 12 }],
      },
      lastFailure: { at: status.lastFailure!.at, message: status.lastFailure!.message, errors: status.lastFailure!.errors, fallbackVersion: 'b'.repeat(64) },
    });
    expect(JSON.stringify(shown)).not.toContain('/srv/vigie');
  });

  it('says when nothing was stored yet', async () => {
    const none = new ShowPolicy(fakeOf<{ execute(): Promise<PolicyStatus> }>({ execute: async () => ({ ...status, lastValid: null, lastFailure: null }) }));
    expect(await none.execute()).toMatchObject({ lastValid: null, lastFailure: null });
  });
});
