import { fileURLToPath } from 'node:url';
import { anHrRecord } from '#vigie/hr/testing';
import { HrRoster, type HrRecord } from '#vigie/hr';
import { aGroup, aSnapshot, anAccount } from '#vigie/identity/testing';
import { type Policy, loadPolicy } from '#vigie/policy';
import { evaluate } from '../audit-engine.js';
import { LeaverRule } from './g-leaver.rule.js';
import { MoverRule } from './g-mover.rule.js';
import { OrphanRule } from './g-orphan.rule.js';

const ASOF = new Date('2026-11-15T00:00:00Z');
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const person = (employeeId: string, over: Partial<HrRecord> = {}): HrRecord => anHrRecord({ employeeId, ...over });

describe('rules that read the HR roster', () => {
  let policy: Policy;
  beforeAll(async () => {
    policy = await loadPolicy(fileURLToPath(new URL('../__fixtures__/policy', import.meta.url)));
  });
  const run = (rule: LeaverRule | OrphanRule | MoverRule, snap: ReturnType<typeof aSnapshot>, hr: HrRoster | null) =>
    evaluate([snap], policy, ASOF, { rules: [rule], hr }).report.findings;

  describe('G-LEAVER', () => {
    const snap = aSnapshot(
      [anAccount('gone', { employeeId: 'E1' }), anAccount('cleaned', { employeeId: 'E2', enabled: false }), anAccount('leaving', { employeeId: 'E3' })],
      [aGroup('GG_Finance')],
      [['gone', 'GG_Finance']],
    );
    const hr = new HrRoster([
      person('E1', { endDate: day('2026-10-31') }),
      person('E2', { endDate: day('2026-10-31') }),
      person('E3', { endDate: day('2026-12-31') }),
    ]);

    it('flags a leaver still enabled or still in groups, with the groups to remove', () => {
      const findings = run(new LeaverRule(), snap, hr);
      expect(findings.map((f) => f.subject.login)).toEqual(['gone']);
      expect(findings[0]).toMatchObject({
        severity: 'critical',
        evidence: { endDate: '2026-10-31', enabled: true, groups: ['GG_Finance'] },
        explain: ['HR: E1 left on 2026-10-31', 'gone is still enabled', 'gone ∈ GG_Finance (direct)'],
      });
    });

    it('explains a leaver still enabled but in no group', () => {
      const alone = aSnapshot([anAccount('gone', { employeeId: 'E1' })], [], []);
      const [finding] = run(new LeaverRule(), alone, hr);
      expect(finding).toMatchObject({ evidence: { enabled: true, groups: [] }, explain: ['HR: E1 left on 2026-10-31', 'gone is still enabled'] });
    });

    it('is silent without HR data', () => {
      expect(run(new LeaverRule(), snap, null)).toEqual([]);
    });
  });

  describe('G-ORPHAN', () => {
    it('flags an enabled account nobody in HR owns, but not service accounts, built-ins or known people', () => {
      const snap = aSnapshot(
        [
          anAccount('ghost', { employeeId: 'E9' }),
          anAccount('alice', { employeeId: null }),
          anAccount('svc_backup'),
          anAccount('Administrator', { objectSid: 'S-1-5-21-1-2-3-500' }),
          anAccount('old', { enabled: false }),
        ],
        [],
      );
      const services = { ...policy, settings: { ...policy.settings, serviceAccounts: ['svc_backup'] } };
      const hr = new HrRoster([person('E1', { login: 'alice' })]);
      const findings = evaluate([snap], services, ASOF, { rules: [new OrphanRule()], hr }).report.findings;
      expect(findings.map((f) => `${f.rule} ${f.subject.login} ${f.severity}`)).toEqual(['G-ORPHAN ghost high']);
      expect(findings[0].explain).toEqual([
        'no HR record with employee id E9, login ghost or mail (none)',
        'ghost is not in the service-account inventory (settings serviceAccounts) nor among the external people (externals/)',
        'the account is enabled',
      ]);
    });

    it('stays silent on a partial roster (HR events without an export): it cannot tell who is nobody', () => {
      const snap = aSnapshot([anAccount('ghost', { employeeId: 'E9' })], []);
      const partial = new HrRoster([person('E1', { login: 'alice' })], false);
      expect(evaluate([snap], policy, ASOF, { rules: [new OrphanRule()], hr: partial }).report.findings).toEqual([]);
    });
  });

  describe('G-ORPHAN and the DNS service account of a domain controller', () => {
    it('leaves the DNS account whose SPN names a DC alone, and reports one naming another host', () => {
      const dc = anAccount('DC1$', {
        kind: 'computer',
        userAccountControl: 0x2000 | 0x80000,
        primaryGroupId: 516,
        dnsHostName: 'dc1.acme.test',
      });
      const snap = aSnapshot(
        [
          dc,
          anAccount('dns-DC1', { employeeId: null, servicePrincipalNames: ['DNS/dc1.acme.test', 'dns-DC1/dc1.acme.test'] }),
          anAccount('dns-fake', { employeeId: null, servicePrincipalNames: ['DNS/pc42.acme.test'] }),
        ],
        [],
      );
      const findings = evaluate([snap], policy, ASOF, { rules: [new OrphanRule()], hr: new HrRoster([]) }).report.findings;
      expect(findings.map((f) => f.subject.login)).toEqual(['dns-fake']);
    });
  });

  describe('G-ORPHAN with a roster without employee ids, and external people', () => {
    it('matches a person by mail, and leaves a listed external person to G-TEMP-EXPIRED', () => {
      const snap = aSnapshot(
        [
          anAccount('adupont', { employeeId: null, mail: 'Anne.Dupont@acme.fr' }),
          anAccount('xpresta', { employeeId: null, mail: 'x@vendor.example' }),
          anAccount('unknown', { employeeId: null, mail: 'who@acme.fr' }),
        ],
        [],
      );
      const withExternal: Policy = {
        ...policy,
        externals: [{ login: 'xpresta', type: 'contractor', sponsor: 'E1', endDate: '2027-03-31', source: { file: 'externals/x.yaml', line: 5, index: 0 } }],
      };
      const hr = new HrRoster([person('', { employeeId: null, mail: 'anne.dupont@acme.fr' })]);
      const findings = evaluate([snap], withExternal, ASOF, { rules: [new OrphanRule()], hr }).report.findings;
      expect(findings.map((f) => f.subject.login)).toEqual(['unknown']);
    });
  });

  describe('G-MOVER', () => {
    const snap = aSnapshot(
      [anAccount('carol', { employeeId: 'E3', department: 'Commercial' }), anAccount('dan', { employeeId: 'E4', department: 'Commercial' })],
      [aGroup('DL_Finance_RW')],
      [
        ['carol', 'DL_Finance_RW'],
        ['dan', 'DL_Finance_RW'],
      ],
    );

    it("flags the old role's access still held past the grace period, and leaves a recent move alone", () => {
      const hr = new HrRoster([
        person('E3', { department: 'Commercial', moveDate: day('2026-09-01'), previousDepartment: 'Finance' }),
        person('E4', { department: 'Commercial', moveDate: day('2026-11-10'), previousDepartment: 'Finance' }),
      ]);
      const findings = run(new MoverRule(), snap, hr);
      expect(findings.map((f) => f.subject.login)).toEqual(['carol']);
      expect(findings[0]).toMatchObject({
        resource: { id: 'share-finance' },
        evidence: { previousDepartment: 'Finance', department: 'Commercial', level: 'write' },
        explain: ['carol ∈ DL_Finance_RW (direct)', 'DL_Finance_RW grants write on share-finance'],
      });
    });

    it('does not call access a leftover when the old role was not allowed it either', () => {
      const hr = new HrRoster([person('E3', { department: 'Commercial', moveDate: day('2026-09-01'), previousDepartment: 'Marketing' })]);
      expect(run(new MoverRule(), snap, hr)).toEqual([]);
    });
  });
});
