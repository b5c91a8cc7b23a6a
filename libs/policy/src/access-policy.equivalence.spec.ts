import { aPolicy, aResource } from './__fixtures__/policy.factory.js';
import { AccessPolicy, type AccessDecision } from './access-policy.js';
import { CaslAbilities } from './casl-ability.js';
import type { AccessRuleDef, IdentityAttributes, ResourceDef } from './policy.types.js';
import { ACCESS_LEVELS, IDENTITY_ATTRIBUTES, RULE_TARGETS, RESOURCE_TYPES } from './policy-vocabulary.js';

// AccessPolicy decides class rules once per class and personal rules per person; CASL, with one ability per
// identity, is the reference. Both must name the same deciding rule for every question, on random policies.

const DEPARTMENTS = ['Finance', 'HR', 'IT', 'Sales'];
const TITLES = ['Manager', 'Clerk', 'Administrator'];
const TYPES = ['employee', 'contractor', 'intern'];
const SITES = ['Lyon-3', 'Paris-1'];
const LOGINS = Array.from({ length: 12 }, (_, i) => `user${i}`);
const TAGS = ['public', 'projet', 'Finance', 'HR'];

function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed: number) {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const some = <T>(list: readonly T[]): T[] =>
    list
      .filter(() => random() < 0.4)
      .concat(pick(list))
      .filter((v, i, a) => a.indexOf(v) === i);
  const maybe = <T>(p: number, value: () => T): T | undefined => (random() < p ? value() : undefined);

  const when = (): Record<string, unknown> => {
    const parts: Array<() => Record<string, unknown>> = [
      () => ({ department: pick(DEPARTMENTS) }),
      () => ({ department: { $in: some(DEPARTMENTS) } }),
      () => ({ department: { $exists: false } }),
      () => ({ title: { $regex: `^${pick(TITLES).slice(0, 3)}` } }),
      () => ({ employeeType: { $ne: pick(TYPES) } }),
      () => ({ login: pick(LOGINS) }),
      () => ({ login: { $in: some(LOGINS) } }),
      () => ({ login: { $eq: pick(LOGINS) }, department: pick(DEPARTMENTS) }),
      () => ({ login: { $regex: '1$' } }),
      () => ({ $and: [{ login: { $in: some(LOGINS) } }, { employeeType: pick(TYPES) }] }),
      () => ({ $or: [{ login: pick(LOGINS) }, { title: pick(TITLES) }] }),
      () => ({ employeeId: `E${Math.floor(random() * 6)}` }),
    ];
    return pick(parts)();
  };
  const where = (): Record<string, unknown> => {
    const parts: Array<() => Record<string, unknown>> = [
      () => ({ tags: pick(TAGS) }),
      () => ({ criticality: { $in: ['high', 'critical'] } }),
      () => ({ location: '${identity.location}' }),
      () => ({ tags: '${identity.department}' }),
      () => ({ name: { $regex: '^home-${identity.login}$' } }),
      () => ({ owner: '${identity.employeeId}' }),
      () => ({ id: { $in: [`r${Math.floor(random() * 20)}`, `r${Math.floor(random() * 20)}`] } }),
    ];
    return pick(parts)();
  };
  const rule = (): Omit<AccessRuleDef, 'source'> => {
    const on = pick(RULE_TARGETS);
    const machines = on === 'all' || on === 'workstation' || on === 'workstation-group';
    const levels = some(ACCESS_LEVELS.filter((level) => level !== 'local-admin' || machines));
    return {
      ...(random() < 0.75 ? { can: levels } : { cannot: levels }),
      on,
      ...(random() < 0.7 ? { when: when() } : {}),
      ...(random() < 0.6 ? { where: where() } : {}),
      ...(random() < 0.5 ? { description: `rule ${Math.floor(random() * 1000)}` } : {}),
    };
  };
  const value = (pool: readonly string[]) => (random() < 0.1 ? pick([null, '', undefined]) : pick(pool));
  const identity = (): IdentityAttributes => ({
    login: value(LOGINS),
    employeeId: value(['E0', 'E1', 'E2', 'E3', 'E4', 'E5']),
    department: value(DEPARTMENTS),
    title: value(TITLES),
    employeeType: value(TYPES),
    location: value(SITES),
  });
  const resource = (i: number): ResourceDef =>
    aResource({
      id: `r${i}`,
      type: pick(RESOURCE_TYPES),
      name: random() < 0.3 ? `home-${pick(LOGINS)}` : `\\\\fs01\\r${i}`,
      criticality: maybe(0.7, () => pick(['low', 'medium', 'high', 'critical'] as const)),
      tags: maybe(0.6, () => some(TAGS)),
      location: maybe(0.5, () => pick(SITES)),
      owner: maybe(0.5, () => `E${Math.floor(random() * 6)}`),
    });
  return { rule, identity, resource, random };
}

/** CASL's answers: one ability per identity, built from the identity's non-empty attributes. */
function reference(casl: CaslAbilities, identity: IdentityAttributes): (resource: ResourceDef, level: string) => AccessDecision {
  const projected = Object.fromEntries(
    IDENTITY_ATTRIBUTES.flatMap((a) => (identity[a] === null || identity[a] === '' || identity[a] === undefined ? [] : [[a, identity[a]]])),
  );
  const ability = casl.build(projected);
  return (resource, level) => {
    const rule = ability.relevantRuleFor(level, resource);
    const def = rule ? casl.originOf(rule) : undefined;
    if (!rule || !def) return { allowed: false };
    return { allowed: !rule.inverted, rule: { description: def.description, file: def.source.file, index: def.source.index, line: def.source.line } };
  };
}

describe(`${AccessPolicy.name} against CASL`, () => {
  it.each(Array.from({ length: 20 }, (_, i) => [i + 1]))('names the same deciding rule on random policy %i', (seed) => {
    const g = generator(seed);
    const resources = Array.from({ length: 20 }, (_, i) => g.resource(i));
    const policy = aPolicy({ rules: Array.from({ length: 4 + Math.floor(g.random() * 20) }, g.rule), resources });
    const casl = new CaslAbilities(policy.accessRules);
    // A small cache as well, so classes are dropped and built again in the middle of the run.
    const policies = [new AccessPolicy(policy), new AccessPolicy(policy, { maxCachedAbilities: 2 })];
    // Resources the policy does not list (a policy test's own) are decided too.
    const questions = [...resources, g.resource(99)];
    for (let i = 0; i < 30; i++) {
      const identity = g.identity();
      const casl$ = reference(casl, identity);
      const expected = questions.flatMap((resource) =>
        [...ACCESS_LEVELS, 'manage'].map((level) => ({ resource: resource.id, level, ...casl$(resource, level) })),
      );
      for (const sut of policies) {
        const decisions = sut.decisionsFor(identity);
        const explained = questions.flatMap((resource) =>
          [...ACCESS_LEVELS, 'manage'].map((level) => ({ resource: resource.id, level, ...sut.explainDecision(identity, resource, level) })),
        );
        const allowed = questions.flatMap((resource) => [...ACCESS_LEVELS, 'manage'].map((level) => decisions.isAllowed(resource, level)));
        expect({ identity, explained }).toEqual({ identity, explained: expected });
        expect(allowed).toEqual(expected.map((d) => d.allowed));
      }
    }
  });

  it('shares one decision table between identities that no personal rule names', () => {
    const policy = aPolicy({
      rules: [
        { when: { department: 'Finance' }, can: ['read'], on: 'share' },
        { when: { login: 'user1' }, can: ['write'], on: 'share', where: { id: 'r1' } },
      ],
    });
    const sut = new AccessPolicy(policy);
    const a = sut.decisionsFor({ login: 'user2', department: 'Finance' });
    expect(a.shared).toBeDefined();
    expect(sut.decisionsFor({ login: 'user3', department: 'Finance' }).shared).toBe(a.shared);
    expect(sut.decisionsFor({ login: 'user1', department: 'Finance' }).shared).toBeUndefined();
  });

  it('shares one table between classes whose class rules bind alike', () => {
    const sut = new AccessPolicy(
      aPolicy({
        rules: [
          { when: { department: 'Finance' }, can: ['read'], on: 'share' },
          { can: ['write'], on: 'printer', where: { location: '${identity.location}' } },
        ],
      }),
    );
    const table = (department: string, location: string) => sut.decisionsFor({ department, location }).shared;
    expect(table('HR', 'Lyon-3')).toBe(table('IT', 'Lyon-3'));
    expect(table('HR', 'Lyon-3')).not.toBe(table('HR', 'Paris-1'));
    expect(table('Finance', 'Lyon-3')).not.toBe(table('HR', 'Lyon-3'));
  });
});
