import { type PolicyLoadFailure, type PolicyStore, type StoredPolicy, loadPolicy } from '#vigie/policy';
import { fakeOf, fixture, parsedBy, refusalsOf } from '../../testing/index.js';
import { PolicyStatusQuery } from './policy-status.use-case.js';

const COMPANY = fixture('policies/ok/company');
const EVERY_MISTAKE = fixture('policies/not-ok/every-mistake');

describe(PolicyStatusQuery.name, () => {
  const lastValid: StoredPolicy = {
    version: 'b'.repeat(64),
    source: '/srv/vigie/policies',
    files: [],
    firstStoredAt: new Date('2026-04-01T02:00:00Z'),
    lastValidAt: new Date('2026-05-03T02:00:00Z'),
  };
  const lastFailure: PolicyLoadFailure = {
    at: new Date('2026-05-04T02:00:00Z'),
    source: '/srv/vigie/policies',
    message: 'resources/shares.yaml:4:1  Flow sequence in block collection must be sufficiently indented and end with a ]',
    errors: [
      {
        file: 'resources/shares.yaml',
        line: 4,
        column: 1,
        path: '',
        message: 'Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ],
    fallbackVersion: 'b'.repeat(64),
  };
  const stored: Pick<PolicyStore, 'lastValid' | 'lastFailure'> = { lastValid: async () => lastValid, lastFailure: async () => lastFailure };
  const nothingStored: Pick<PolicyStore, 'lastValid' | 'lastFailure'> = { lastValid: async () => null, lastFailure: async () => null };
  const statusOf = (dir: string, store = stored) => new PolicyStatusQuery({ policy: { dir, keepLastValid: true } }, fakeOf<PolicyStore>(store)).execute();

  it('is for system actors only (the command line): it declares no ability', () => {
    expect(PolicyStatusQuery.definition.name).toBe('policy-status');
    expect(PolicyStatusQuery.definition.ability).toBeUndefined();
  });

  it('takes no input', () => {
    expect(parsedBy(PolicyStatusQuery.definition.input, {})).toEqual({});
    expect(refusalsOf(PolicyStatusQuery.definition.input, { dir: COMPANY })).toEqual(['unknown field(s) dir']);
  });

  it('gives the version of a valid policy directory, with what the service stored', async () => {
    const status = await statusOf(COMPANY);
    expect(status).toEqual({ dir: COMPANY, local: { valid: true, version: (await loadPolicy(COMPANY)).version }, lastValid, lastFailure });
  });

  it('counts the problems of an invalid directory rather than failing', async () => {
    expect((await statusOf(EVERY_MISTAKE)).local).toEqual({ valid: false, problems: 5 });
  });

  it('counts a missing directory as one problem', async () => {
    expect((await statusOf(fixture('policies/nowhere'))).local).toEqual({ valid: false, problems: 1 });
  });

  it('says when nothing was stored yet', async () => {
    expect(await statusOf(COMPANY, nothingStored)).toMatchObject({ lastValid: null, lastFailure: null });
  });

  it('lets a failure to read the store through', async () => {
    const down = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    await expect(statusOf(COMPANY, { ...stored, lastFailure: async () => Promise.reject(down) })).rejects.toBe(down);
  });
});
