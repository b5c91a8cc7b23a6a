import { EffectiveAccessService, GroupReferenceResolver, type GroupReferenceStatus } from '#vigie/access';
import { evaluate, type Finding } from '#vigie/audit';
import type { DirectorySnapshot } from '#vigie/identity';
import { loadPolicyFromFiles, PolicyValidationError, StaticPolicySource } from '#vigie/policy';
import {
  EVERYONE_GROUPS,
  GROUP_REFERENCE_CASES,
  type GroupReferenceCase,
  resourceOf,
  type TableDirectory,
  tablePolicyFiles,
  SnapshotSlices,
  tableSnapshot,
} from '#vigie/access/testing';
import { simulatePolicyChange } from './policy-simulation.js';

const ASOF = new Date('2026-11-15T00:00:00Z');

interface Answers {
  resolver: GroupReferenceStatus;
  audit: GroupReferenceStatus;
  /** validate tells known from unknown only. */
  validate: 'known' | 'unknown';
  simulate: GroupReferenceStatus;
  effectiveAccess: GroupReferenceStatus;
  /** The principals effective access says the grant resolves to. */
  principals: string[];
}

/**
 * One table (libs/access/src/__fixtures__/group-reference.cases.ts), every reader of group references: what each
 * of them makes of the same reference in the same directory, read from what it shows its user. The audit and
 * simulate show an everyone-like grant as a G-OPEN-SHARE finding on the granting principal itself (no nesting to
 * explain), effective access as an `openTo` entry, validate and simulate an unknown one as an unknown group.
 */
describe('a group reference means the same to the audit, validate, simulate and effective access', () => {
  const answers = new Map<GroupReferenceCase, Answers>();

  beforeAll(async () => {
    for (const directory of ['corp-ad', 'corp-ldap'] as TableDirectory[]) {
      const snapshot = await tableSnapshot(directory);
      const files = tablePolicyFiles(directory);
      const policy = loadPolicyFromFiles(`table-${directory}`, files);
      const cases = GROUP_REFERENCE_CASES.filter((c) => c.directory === directory);
      const resolver = GroupReferenceResolver.ofSnapshots([snapshot], { everyoneGroups: EVERYONE_GROUPS[directory] });
      const audit = evaluate([snapshot], policy, ASOF);
      const unknownToValidate = validate(files, snapshot, directory);
      const base = loadPolicyFromFiles(
        `base-${directory}`,
        files.filter((f) => f.path.startsWith('settings/')),
      );
      const simulation = simulatePolicyChange([snapshot], base, policy, ASOF);
      const access = new EffectiveAccessService(new StaticPolicySource(policy), new SnapshotSlices([snapshot]));
      for (const [index, c] of cases.entries()) {
        const resource = resourceOf(c);
        const view = await access.resourceAccess(resource);
        const principals = view.grants.flatMap((g) => g.principals.map((p) => p.name)).sort();
        answers.set(c, {
          resolver: resolver.resolve(c.ref).status,
          audit: audit.unresolvedGroupRefs.includes(c.ref) ? 'unknown' : openedDirectly(audit.report.findings, resource) ? 'everyone-like' : 'group',
          validate: unknownToValidate.has(`resources[${index}].grants.read[0]`) ? 'unknown' : 'known',
          simulate: simulation.unknownGroups.some((g) => g.group === c.ref)
            ? 'unknown'
            : openedDirectly(simulation.findings.appeared, resource)
              ? 'everyone-like'
              : 'group',
          effectiveAccess: principals.length === 0 ? 'unknown' : view.openTo.some((o) => o.explain.length === 1) ? 'everyone-like' : 'group',
          principals,
        });
      }
    }
  });

  it.each(GROUP_REFERENCE_CASES.map((c) => [c.directory, c.about, c.ref, c] as const))('in %s, %s (%j)', (_directory, _about, _ref, c) => {
    const expected: Answers = {
      resolver: c.answer,
      audit: c.answer,
      validate: c.answer === 'unknown' ? 'unknown' : 'known',
      simulate: c.answer,
      effectiveAccess: c.answer,
      principals: c.principals,
    };
    expect(answers.get(c)).toEqual(expected);
  });
});

/** A G-OPEN-SHARE finding whose granting principal is itself everyone-like: its one explanation line is the grant. */
function openedDirectly(findings: readonly Finding[], resourceId: string): boolean {
  return findings.some((f) => f.rule === 'G-OPEN-SHARE' && f.resource?.id === resourceId && f.explain.length === 1);
}

/** The paths `vigie policy validate` reports as unknown groups, checked against the directory as the command does. */
function validate(files: ReturnType<typeof tablePolicyFiles>, snapshot: DirectorySnapshot, directory: string): Set<string> {
  const knownGroups = GroupReferenceResolver.ofSnapshots([snapshot], { label: `directory ${directory}` });
  try {
    loadPolicyFromFiles(`table-${directory}`, files, { knownGroups });
    return new Set();
  } catch (error) {
    if (!(error instanceof PolicyValidationError)) throw error;
    const unknown = error.errors.filter((e) => e.message.startsWith('unknown group '));
    expect(unknown).toHaveLength(error.errors.length);
    return new Set(unknown.map((e) => e.path));
  }
}
