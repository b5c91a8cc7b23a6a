import { HrRoster } from '#vigie/hr';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { RULE_CATALOGUE, RULE_IDS, type RuleId, type RuleSettings } from '#vigie/policy';
import type { AuditContext } from '../audit-context.js';
import { auditContextFor } from '../audit-engine.js';
import { ASOF, aPolicy, aResource, daysAgo, sidOf } from '../testing/audit-harness.js';
import type { AuditRule } from './audit-rule.js';
import { allRules } from './index.js';

/** Every parameter name each rule reads from its settings while it runs (enabled and severity are the engine's). */
function parametersReadBy(rules: readonly AuditRule[], ctx: AuditContext): Map<string, string[]> {
  const read = new Map<string, Set<string>>();
  const recording = <Id extends RuleId>(id: Id): RuleSettings<Id> =>
    new Proxy(ctx.settingsOf(id), {
      get(settings, name, receiver) {
        if (typeof name === 'string' && name !== 'enabled' && name !== 'severity') read.set(id, (read.get(id) ?? new Set()).add(name));
        return Reflect.get(settings, name, receiver);
      },
    });
  for (const rule of rules) rule.evaluate({ ...ctx, settingsOf: recording }, () => undefined);
  return new Map([...read].map(([id, names]) => [id, [...names].sort()]));
}

const declared = (id: string) => Object.keys(RULE_CATALOGUE[id]?.parameters ?? {}).sort();

/** One directory where every rule has something to look at: people, admins, a computer, HR, recent group changes. */
function fullContext(): AuditContext {
  const snapshot = aSnapshot(
    [
      anAccount('alice', {
        objectSid: sidOf(1101),
        primaryGroupId: 513,
        lastLogon: daysAgo(400),
        mail: 'alice@acme.test',
        employeeId: 'E1',
        department: 'Finance',
      }),
      anAccount('adm-bob', {
        objectSid: sidOf(1102),
        primaryGroupId: 513,
        lastLogon: daysAgo(100),
        pwdLastSet: daysAgo(2000),
        servicePrincipalNames: ['http/app'],
      }),
      anAccount('krbtgt', { objectSid: sidOf(502), enabled: false, pwdLastSet: daysAgo(500) }),
      anAccount('PC1$', { kind: 'computer', objectSid: sidOf(1103), primaryGroupId: 515, lastLogon: daysAgo(10), pwdLastSet: daysAgo(200) }),
    ],
    [
      aGroup('Domain Users', { objectSid: sidOf(513) }),
      aGroup('Domain Admins', { objectSid: sidOf(512) }),
      aGroup('DL_Finance_RW', { objectSid: sidOf(1200) }),
    ],
    [
      ['adm-bob', 'Domain Admins'],
      ['alice', 'DL_Finance_RW'],
    ],
  );
  const policy = aPolicy({ resources: [aResource('share-finance', { grants: { write: ['DL_Finance_RW'] }, criticality: 'critical' })] });
  const hr = new HrRoster([
    {
      employeeId: 'E1',
      login: 'alice',
      mail: null,
      firstName: null,
      lastName: null,
      department: 'Sales',
      title: null,
      employeeType: null,
      hireDate: null,
      endDate: null,
      moveDate: daysAgo(60),
      previousDepartment: 'Finance',
      previousTitle: null,
    },
  ]);
  const additions = [
    {
      directory: 'corp',
      via: 'member' as const,
      groupDnNorm: snapshot.groups[1].dnNorm,
      primaryGroupId: null,
      memberDnNorm: snapshot.accounts[1].dnNorm,
      runId: 'run-1',
      seenAt: daysAgo(3),
    },
  ];
  return auditContextFor([snapshot], policy, ASOF, { hr, membershipAdditions: additions, logRetention: [] });
}

describe('the rule settings the catalogue declares and the rules read', () => {
  const rules = allRules();
  const read = parametersReadBy(rules, fullContext());

  it.each(rules.map((rule) => [rule.id, rule] as const))('%s reads every parameter the catalogue declares for it, and no other', (id) => {
    expect({ [id]: read.get(id) ?? [] }).toEqual({ [id]: declared(id) });
  });

  it('declares no parameter that no rule reads, but those of the rules still to come', () => {
    const unread = RULE_IDS.filter((id) => declared(id).length && !read.has(id));
    // R-SAR-OVERDUE waits for a record of access requests (rules-catalogue-order.spec.ts): its threshold has no reader yet.
    expect(unread).toEqual(['R-SAR-OVERDUE']);
  });

  it('catches a rule reading a parameter the catalogue does not declare', () => {
    const careless: AuditRule = {
      id: 'H-KRBTGT',
      defaultSeverity: 'high',
      evaluate: (ctx) => void (ctx.settingsOf('H-KRBTGT') as unknown as Record<string, number>).maxAgeDays,
    };
    expect(parametersReadBy([careless], fullContext()).get('H-KRBTGT')).toEqual(['maxAgeDays']);
  });

  it('gives each rule the policy value or the catalogue default, and refuses what the schema refuses', () => {
    const settings = (rules: Record<string, Record<string, unknown>>) => auditContextFor([], aPolicy({ settings: { rules: rules as never } }), ASOF);
    expect(settings({ 'H-INACTIVE-USER': { thresholdDays: 90 } }).settingsOf('H-INACTIVE-USER')).toEqual({
      enabled: true,
      severity: undefined,
      thresholdDays: 90,
      highAfterDays: 365,
    });
    expect(settings({ 'G-SOD': { enabled: false, severity: 'low' } }).settingsOf('G-SOD')).toEqual({ enabled: false, severity: 'low' });
    expect(() => settings({ 'H-INACTIVE-USER': { thresholdDays: -1, highAfterDay: 400 } })).toThrow(
      /rules\.H-INACTIVE-USER\.thresholdDays: must be 0 or more\n.*rules\.H-INACTIVE-USER\.highAfterDay: unknown field "highAfterDay"/,
    );
  });
});
