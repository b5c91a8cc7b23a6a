import { HrRoster, type HrRecord } from '#vigie/hr';
import { anHrRecord } from '#vigie/hr/testing';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { aPolicy, findingsOf } from '../testing/audit-harness.js';
import { LeaverRule } from './g-leaver.rule.js';

const leftOn = (employeeId: string, endDate: string): HrRecord => anHrRecord({ employeeId, endDate: new Date(`${endDate}T00:00:00Z`) });

describe(LeaverRule.name, () => {
  const sut = new LeaverRule();
  const snap = aSnapshot(
    [
      anAccount('active', { employeeId: 'E1' }),
      anAccount('grouped', { employeeId: 'E2', enabled: false }),
      anAccount('cleaned', { employeeId: 'E3', enabled: false }),
    ],
    [aGroup('GG_Finance'), aGroup('GG_Projets')],
    [
      ['active', 'GG_Finance'],
      ['grouped', 'GG_Finance'],
      ['grouped', 'GG_Projets'],
    ],
  );
  const hr = new HrRoster([leftOn('E1', '2026-10-31'), leftOn('E2', '2026-10-31'), leftOn('E3', '2026-10-31')]);
  const run = (settings: Record<string, Record<string, unknown>> = {}) =>
    findingsOf(sut, snap, aPolicy({ settings: { rules: settings as never } }), undefined, { hr });

  it('keeps an enabled leaver critical, and gives a disabled leaver still in groups the lower disabledSeverity (medium)', () => {
    const findings = run();
    expect(findings.map((f) => [f.subject.login, f.severity])).toEqual([
      ['active', 'critical'],
      ['grouped', 'medium'],
    ]);
  });

  it('lets the officer tell the two apart by message and evidence', () => {
    const [active, grouped] = run();
    expect(active).toMatchObject({
      message: 'Left the company 15 days ago (HR end date 2026-10-31), account still enabled: the leaver can still log in, and is still in 1 group(s)',
      evidence: { enabled: true, canLogIn: true, groups: ['GG_Finance'] },
      explain: ['HR: E1 left on 2026-10-31', 'active is still enabled', 'active ∈ GG_Finance (direct)'],
    });
    expect(grouped).toMatchObject({
      message:
        'Left the company 15 days ago (HR end date 2026-10-31), account disabled but still in 2 group(s): enabling it again would give every access back',
      evidence: { enabled: false, canLogIn: false, groups: ['GG_Finance', 'GG_Projets'] },
      explain: ['HR: E2 left on 2026-10-31', 'grouped is disabled', 'grouped ∈ GG_Finance (direct)', 'grouped ∈ GG_Projets (direct)'],
    });
  });

  it('reads disabledSeverity from the settings, and the rule-wide severity still overrides both cases', () => {
    expect(run({ 'G-LEAVER': { disabledSeverity: 'low' } }).map((f) => f.severity)).toEqual(['critical', 'low']);
    expect(run({ 'G-LEAVER': { severity: 'high' } }).map((f) => f.severity)).toEqual(['high', 'high']);
  });

  it('refuses a disabledSeverity that is no severity', () => {
    expect(() => run({ 'G-LEAVER': { disabledSeverity: 'urgent' } })).toThrow(/rules\.G-LEAVER\.disabledSeverity: "urgent" is not allowed/);
  });
});
