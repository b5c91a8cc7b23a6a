import { loadPolicyFromFiles } from './policy-loader.js';
import { PolicyValidationError } from './policy-validation.error.js';
import { reviewClassOf, reviewStatusOf } from './review-schedule.js';

const text = (s: string) => new TextEncoder().encode(s);
const load = (resource: string) =>
  loadPolicyFromFiles('x', [
    {
      path: 'resources/r.yaml',
      bytes: text(`apiVersion: vigie.dev/v1\nkind: ResourceList\nresources:\n  - id: share-a\n    type: share\n    name: '\\\\fs\\a'\n${resource}`),
    },
  ]);
const errorsOf = (resource: string) => {
  try {
    load(resource);
  } catch (e) {
    if (e instanceof PolicyValidationError) return e.errors.map((i) => `${i.line} ${i.path}: ${i.message}`);
    throw e;
  }
  throw new Error('the policy loaded');
};

describe('review dates of resources (G-REVIEW-OVERDUE)', () => {
  it('reads reviewedAt and reviewedBy', () => {
    const [r] = load('    reviewedAt: 2026-10-01\n    reviewedBy: E1002\n').resources;
    expect(r).toMatchObject({ reviewedAt: '2026-10-01', reviewedBy: 'E1002' });
  });

  it('refuses a date that is not YYYY-MM-DD or not in the calendar, and a reviewer without a date, with the line', () => {
    expect(errorsOf('    reviewedAt: 01/10/2026\n')).toEqual([
      expect.stringMatching(/^7 resources\[0\]\.reviewedAt: must be a date written YYYY-MM-DD, such as 2026-10-01/),
    ]);
    expect(errorsOf('    reviewedAt: 2026-02-30\n')).toEqual([
      expect.stringMatching(/^7 resources\[0\]\.reviewedAt: 2026-02-30 is not a date of the calendar/),
    ]);
    expect(errorsOf('    reviewedBy: E1002\n')).toEqual([expect.stringMatching(/^7 resources\[0\]\.reviewedBy: reviewedBy needs reviewedAt/)]);
  });

  const settings = { privilegedGroups: ['GG_Tier0'], reviewIntervals: { standard: 365, critical: 180, privileged: 90 } };

  it('classes a resource by what it grants and its criticality', () => {
    const [plain, critical, admin, tier0] = [
      load('    criticality: high\n'),
      load('    criticality: critical\n'),
      load('    grants: { admin: [DL_A] }\n'),
      load('    grants: { read: [gg_tier0] }\n'),
    ].map((p) => reviewClassOf(p.resources[0], settings));
    expect([plain, critical, admin, tier0]).toEqual(['standard', 'critical', 'privileged', 'privileged']);
  });

  it('is overdue once more whole days than the interval have passed, never reviewed, or reviewed in the future', () => {
    const [r] = load('    reviewedAt: 2025-11-15\n').resources;
    expect(reviewStatusOf(r, settings, new Date('2026-11-15T23:59:59Z'))).toMatchObject({ overdue: false, dueDate: new Date('2026-11-15T00:00:00Z') });
    expect(reviewStatusOf(r, settings, new Date('2026-11-16T00:00:00Z')).overdue).toBe(true);
    expect(reviewStatusOf(r, settings, new Date('2025-11-14T00:00:00Z')).overdue).toBe(true);
    expect(reviewStatusOf(load('').resources[0], settings, new Date())).toMatchObject({ overdue: true, reviewedAt: null, dueDate: null });
  });
});
