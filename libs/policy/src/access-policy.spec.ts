import { subject } from '@casl/ability';
import { fileURLToPath } from 'node:url';
import { aPolicy, aResource } from './__fixtures__/policy.factory.js';
import { AccessPolicy } from './access-policy.js';
import { loadPolicy } from './policy-loader.js';
import type { IdentityAttributes, Policy, ResourceDef } from './policy.types.js';

const financeEmployee: IdentityAttributes = { login: 'adurand', department: 'Finance', employeeType: 'employee', location: 'Lyon-3' };
const financeContractor: IdentityAttributes = { ...financeEmployee, login: 'ext-bmartin', employeeType: 'contractor' };
const hrEmployee: IdentityAttributes = { login: 'cpetit', department: 'HR', employeeType: 'employee', location: 'Paris-1' };
const itAdministrator: IdentityAttributes = { login: 'dleroy', department: 'IT', title: 'Administrator', location: 'Lyon-3' };
const itSupport: IdentityAttributes = { login: 'emoreau', department: 'IT', title: 'Support technician', location: 'Lyon-3' };

describe(AccessPolicy.name, () => {
  let policy: Policy;
  let sut: AccessPolicy;
  const resource = (id: string): ResourceDef => policy.resources.find((candidate) => candidate.id === id)!;

  beforeAll(async () => {
    policy = await loadPolicy(fileURLToPath(new URL('./__fixtures__/ok/acme', import.meta.url)));
  });
  beforeEach(() => {
    sut = new AccessPolicy(policy);
  });

  describe('department match', () => {
    it('lets Finance read and write the finance share', () => {
      expect(sut.isAllowed(financeEmployee, resource('share-finance'), 'read')).toBe(true);
      expect(sut.isAllowed(financeEmployee, resource('share-finance'), 'write')).toBe(true);
    });

    it('names the rule that allowed it', () => {
      expect(sut.explainDecision(financeEmployee, resource('share-finance'), 'write')).toEqual({
        allowed: true,
        rule: { description: 'Finance staff read and write the finance share', file: 'access-rules/baseline.yaml', index: 1, line: 11 },
      });
    });

    it('matches when conditions with $and and $regex', () => {
      expect(sut.isAllowed(itAdministrator, resource('share-finance'), 'admin')).toBe(true);
      expect(sut.isAllowed(itSupport, resource('share-finance'), 'admin')).toBe(false);
    });
  });

  describe('deny by default', () => {
    it('refuses what no rule allows, and names no rule', () => {
      expect(sut.isAllowed(hrEmployee, resource('share-finance'), 'read')).toBe(false);
      expect(sut.explainDecision(hrEmployee, resource('share-finance'), 'read')).toEqual({ allowed: false });
    });

    it('refuses a level no rule mentions', () => {
      expect(sut.isAllowed(financeEmployee, resource('share-finance'), 'admin')).toBe(false);
      expect(sut.isAllowed(financeEmployee, resource('share-finance'), 'manage')).toBe(false);
    });

    it('treats a null or empty attribute as missing', () => {
      const newcomers = new AccessPolicy(aPolicy({ rules: [{ when: { department: { $exists: false } }, can: ['read'], on: 'printer' }] }));
      const printer = aResource({ type: 'printer' });
      for (const department of [undefined, null, '']) expect(newcomers.isAllowed({ department }, printer, 'read')).toBe(true);
      expect(newcomers.isAllowed({ department: 'HR' }, printer, 'read')).toBe(false);
    });

    it('refuses everything to an identity without attributes, except what everyone may do', () => {
      expect(sut.isAllowed({}, resource('share-finance'), 'read')).toBe(false);
      expect(sut.isAllowed({}, resource('share-public'), 'read')).toBe(true);
    });
  });

  describe('placeholders', () => {
    it("compare the resource with the identity's own attribute", () => {
      expect(sut.isAllowed(financeEmployee, resource('printer-lyon-3'), 'read')).toBe(true);
      expect(sut.isAllowed(financeEmployee, resource('printer-paris-1'), 'read')).toBe(false);
      expect(sut.isAllowed(hrEmployee, resource('printer-paris-1'), 'read')).toBe(true);
    });

    it('never match when the identity lacks the attribute, even a resource that lacks it too', () => {
      const unlocated = aResource({ type: 'printer', id: 'printer-nowhere' });
      expect(sut.isAllowed({ department: 'Finance' }, unlocated, 'read')).toBe(false);
      expect(sut.isAllowed({ department: 'Finance', location: '' }, unlocated, 'read')).toBe(false);
      expect(sut.isAllowed({ department: 'Finance', location: null }, resource('printer-lyon-3'), 'read')).toBe(false);
    });

    it('are matched literally inside a regular expression', () => {
      const homes = new AccessPolicy(aPolicy({ rules: [{ can: ['write'], on: 'share', where: { name: { $regex: '^home-${identity.login}$' } } }] }));
      expect(homes.isAllowed({ login: 'a.b' }, aResource({ name: 'home-a.b' }), 'write')).toBe(true);
      expect(homes.isAllowed({ login: 'a.b' }, aResource({ name: 'home-aXb' }), 'write')).toBe(false);
    });

    it('grant local-admin on the workstations of the identity site', () => {
      expect(sut.isAllowed(itSupport, resource('ws-lyon'), 'local-admin')).toBe(true);
      expect(sut.isAllowed({ ...itSupport, location: 'Paris-1' }, resource('ws-lyon'), 'local-admin')).toBe(false);
    });
  });

  describe('cannot overrides can', () => {
    it('even when the cannot rule is written before the can rule', () => {
      expect(sut.isAllowed(financeContractor, resource('share-finance'), 'write')).toBe(false);
      expect(sut.isAllowed(financeContractor, resource('share-finance'), 'read')).toBe(true);
      expect(sut.explainDecision(financeContractor, resource('share-finance'), 'write')).toEqual({
        allowed: false,
        rule: { description: 'Contractors never write on shares holding personal data', file: 'access-rules/baseline.yaml', index: 0, line: 6 },
      });
    });

    it('from a cannot rule on all', () => {
      expect(sut.isAllowed(itAdministrator, resource('share-hr'), 'admin')).toBe(false);
      expect(sut.explainDecision(itAdministrator, resource('share-hr'), 'admin').rule?.index).toBe(7);
      expect(sut.isAllowed(hrEmployee, resource('share-hr'), 'read')).toBe(true);
    });
  });

  describe('the all subject', () => {
    it('applies a rule to every resource type', () => {
      const everyone = new AccessPolicy(aPolicy({ rules: [{ can: ['read'], on: 'all', where: { tags: 'public' } }] }));
      for (const type of ['share', 'printer', 'workstation', 'workstation-group'] as const) {
        expect(everyone.isAllowed({}, aResource({ type, tags: ['public'] }), 'read')).toBe(true);
        expect(everyone.isAllowed({}, aResource({ type }), 'read')).toBe(false);
      }
    });

    it('lets everyone use what the policy declares meant for everyone (where audience)', () => {
      const everyone = new AccessPolicy(aPolicy({ rules: [{ can: ['read', 'write'], on: 'all', where: { audience: 'everyone' } }] }));
      expect(everyone.isAllowed({}, aResource({ type: 'printer', audience: 'everyone' }), 'write')).toBe(true);
      expect(everyone.isAllowed({}, aResource({ audience: 'restricted' }), 'read')).toBe(false);
      expect(everyone.isAllowed({}, aResource(), 'read')).toBe(false);
    });

    it('without where, allows the level on everything', () => {
      const auditors = new AccessPolicy(aPolicy({ rules: [{ when: { title: 'Auditor' }, can: ['read'], on: 'all' }] }));
      expect(auditors.isAllowed({ title: 'Auditor' }, aResource({ type: 'printer' }), 'read')).toBe(true);
      expect(auditors.isAllowed({ title: 'Auditor' }, aResource(), 'write')).toBe(false);
    });
  });

  describe('abilities', () => {
    it('are shared by identities that agree on the attributes the rules read', () => {
      expect(sut.abilityFor(financeEmployee)).toBe(sut.abilityFor({ ...financeEmployee, login: 'someone-else', manager: 'E1' }));
      expect(sut.abilityFor(financeEmployee)).not.toBe(sut.abilityFor({ ...financeEmployee, location: 'Paris-1' }));
    });

    it('stay correct when the cache is full', () => {
      const small = new AccessPolicy(policy, { maxCachedAbilities: 1 });
      expect(small.isAllowed(financeEmployee, resource('share-finance'), 'write')).toBe(true);
      expect(small.isAllowed(hrEmployee, resource('share-finance'), 'write')).toBe(false);
      expect(small.isAllowed(financeEmployee, resource('share-finance'), 'write')).toBe(true);
    });

    it('are CASL abilities, usable with the subject() helper', () => {
      const ability = sut.abilityFor(hrEmployee);
      expect(ability.can('read', subject('printer', { location: 'Paris-1' }))).toBe(true);
      expect(ability.can('read', subject('printer', { location: 'Lyon-3' }))).toBe(false);
    });
  });
});
