import { aSnapshot, anAccount } from '#vigie/identity/testing';
import { evaluate } from './audit-engine.js';
import { InactiveUserRule } from './rules/h-inactive-user.rule.js';
import { PwdInDescriptionRule } from './rules/h-pwd-in-description.rule.js';
import { ASOF, aPolicy, daysAgo } from './testing/audit-harness.js';

describe('protected accounts (settings protectedAccounts)', () => {
  const snap = aSnapshot(
    [
      anAccount('breakglass', { lastLogon: daysAgo(400), description: 'mdp au coffre' }),
      anAccount('vendor', { lastLogon: daysAgo(400) }),
      anAccount('jdoe', { lastLogon: daysAgo(400) }),
    ],
    [],
  );
  const rules = [new InactiveUserRule(), new PwdInDescriptionRule()];
  const reported = (protectedAccounts: NonNullable<ReturnType<typeof aPolicy>['settings']['protectedAccounts']>) =>
    evaluate([snap], aPolicy({ settings: { protectedAccounts } }), ASOF, { rules })
      .report.findings.map((f) => `${f.rule} ${f.subject.login}`)
      .sort();

  it("are left alone by the catalogue's default exemptions only: a password in the description is still reported", () => {
    expect(reported([{ login: 'BreakGlass' }])).toEqual(['H-INACTIVE-USER jdoe', 'H-INACTIVE-USER vendor', 'H-PWD-IN-DESCRIPTION breakglass']);
  });

  it("follow an entry's own exemptFrom and directory", () => {
    expect(
      reported([
        { login: 'breakglass', exemptFrom: ['H-PWD-IN-DESCRIPTION'] },
        { login: 'vendor', directory: 'elsewhere' },
      ]),
    ).toEqual(['H-INACTIVE-USER breakglass', 'H-INACTIVE-USER jdoe', 'H-INACTIVE-USER vendor']);
    expect(reported([])).toContain('H-PWD-IN-DESCRIPTION breakglass');
  });
});
