import { loadPolicyFromFiles } from './policy-loader.js';

/** A policy of one Settings file whose body follows the header. */
const settingsWith = (body: string) =>
  loadPolicyFromFiles('/policies', [{ path: 'settings/settings.yaml', bytes: new TextEncoder().encode(`apiVersion: vigie.dev/v1\nkind: Settings\n${body}`) }]);
const issuesOf = (body: string): string[] => {
  try {
    settingsWith(body);
  } catch (err) {
    return (err as Error).message.split('\n');
  }
  throw new Error('the settings were accepted');
};

describe('the Settings requests block', () => {
  it('is absent unless written: the request settings then take their defaults', () => {
    expect(settingsWith('rules: {}\n').settings.requests).toBeUndefined();
  });

  it('keeps what is written, field by field, as a partial RequestSettings', () => {
    const requests = settingsWith(
      [
        'requests:',
        '  approvalChains: { critical: [manager, owner, security-officer] }',
        '  maxDays: { critical: 30 }',
        '  permanentAllowed: []',
        '  exceptions: security-officer',
        '  groups: [{ group: GG_VPN, description: Remote access, owner: E1006, criticality: high }]',
        '',
      ].join('\n'),
    ).settings.requests;
    expect(requests).toEqual({
      approvalChains: { critical: ['manager', 'owner', 'security-officer'] },
      maxDays: { critical: 30 },
      permanentAllowed: [],
      exceptions: 'security-officer',
      groups: [{ group: 'GG_VPN', description: 'Remote access', owner: 'E1006', criticality: 'high' }],
    });
  });

  it('refuses an unknown field, an empty chain, a stage that is none of the three, and days that are not positive whole numbers', () => {
    expect(issuesOf('requests:\n  aprovalChains: {}\n')).toEqual([
      expect.stringMatching(
        /requests\.aprovalChains: unknown field "aprovalChains"; expected one of: approvalChains, maxDays, defaultDays, permanentAllowed, decisionDays, reminderHours, escalationHours, exceptions, groups$/,
      ),
    ]);
    expect(issuesOf('requests:\n  approvalChains: { high: [] }\n')).toEqual([
      expect.stringMatching(/requests\.approvalChains\.high: must list at least one stage/),
    ]);
    expect(issuesOf('requests:\n  approvalChains: { high: [director] }\n')).toEqual([
      expect.stringMatching(/requests\.approvalChains\.high\[0\]: .*manager.*owner.*security-officer/),
    ]);
    expect(issuesOf('requests:\n  maxDays: { low: 0 }\n  decisionDays: 1.5\n')).toEqual([
      expect.stringMatching(/requests\.maxDays\.low: must be 1 or more/),
      expect.stringMatching(/requests\.decisionDays: must be a whole number of days/),
    ]);
    expect(issuesOf('requests:\n  groups: [{ group: GG_VPN }]\n')).toEqual([expect.stringMatching(/requests\.groups\[0\]\.description: /)]);
  });
});
