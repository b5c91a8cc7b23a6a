import { posix } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { IssueCollector } from '../loader/issue-collector.js';
import { syntaxMessage } from '../loader/policy-document-parser.js';
import { yamlData } from '../loader/yaml-data.js';
import { YamlLocator } from '../loader/yaml-locator.js';
import { describeZodIssues } from '../loader/zod-issue-messages.js';
import type { IdentityAttributes, Policy, ResourceDef } from '../policy.types.js';
import { ACCESS_LEVELS, type AccessLevel } from '../policy-vocabulary.js';
import { closestRuleId, RULE_CATALOGUE } from '../rule-catalogue.js';
import { resourceSchema } from '../schema/resource-list.schema.js';
import {
  type DirectoryFragment,
  type ExpectedFinding,
  policyTestSuiteSchema,
  type PolicyTestSuiteData,
  TEST_SUITE_KIND,
  TEST_SUITE_SCHEMA_FILE,
  type TestCaseData,
} from './policy-test-suite.schema.js';

/** One test, ready to run: references resolved, with where it was written. */
export interface PolicyTestCase {
  name: string;
  file: string;
  line: number;
  identity?: IdentityAttributes;
  resource?: ResourceDef;
  decisions: { level: AccessLevel; expected: 'allowed' | 'denied' }[];
  directory?: DirectoryFragment;
  rules?: string[];
  asOf?: Date;
  findings?: ExpectedFinding[];
}

export interface PolicyTestSuite {
  file: string;
  description?: string;
  cases: PolicyTestCase[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses one `*_test.yaml` suite and resolves what its tests name against the policy (identities of the suite,
 * resources of the suite or of the policy, audit rule ids). Every problem goes to `issues` with its line; the suite is
 * returned only when it has none.
 */
export function parsePolicyTestSuite(file: string, bytes: Uint8Array, policy: Policy, issues: IssueCollector): PolicyTestSuite | undefined {
  const before = issues.size;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    issues.add(file, { line: 0, column: 0 }, [], 'not valid UTF-8 text');
    return undefined;
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const [syntaxError] = doc.errors;
  if (syntaxError) {
    const position = syntaxError.linePos?.[0] ?? { line: 0, col: 0 };
    issues.add(file, { line: position.line, column: position.col }, [], syntaxMessage(syntaxError.message));
    return undefined;
  }
  const data = yamlData(doc, lines);
  if ('problem' in data) {
    issues.add(file, data.problem.at, [], data.problem.message);
    return undefined;
  }
  const raw = data.value;
  const locator = new YamlLocator(doc, lines);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    issues.add(file, locator.locate([]), [], `expected a ${TEST_SUITE_KIND} mapping with apiVersion, kind and tests`);
    return undefined;
  }
  const schemaPath = (raw as Record<string, unknown>).$schema;
  if (typeof schemaPath === 'string' && posix.basename(schemaPath.replaceAll('\\', '/')) !== TEST_SUITE_SCHEMA_FILE) {
    issues.add(file, locator.locate(['$schema']), ['$schema'], `points to ${schemaPath}; expected a path to ${TEST_SUITE_SCHEMA_FILE}`);
  }
  const result = policyTestSuiteSchema.safeParse(raw, { reportInput: true });
  if (result.error) {
    for (const { path, target, message } of describeZodIssues(result.error.issues)) issues.add(file, locator.locate(path, target), path, message);
    checkRawReferences(file, raw as Record<string, unknown>, policy, locator, issues);
    return undefined;
  }
  const suite = resolveSuite(file, result.data, policy, locator, issues);
  return issues.size === before ? suite : undefined;
}

function resolveSuite(file: string, data: PolicyTestSuiteData, policy: Policy, locator: YamlLocator, issues: IssueCollector): PolicyTestSuite {
  const resources = new Map(policy.resources.map((resource) => [resource.id, resource]));
  const local = new Map<string, ResourceDef>();
  for (const [id, fields] of Object.entries(data.resources)) {
    local.set(id, inlineResource(id, fields, file, locator.locate(['resources', id]).line));
  }
  const cases = data.tests.map((test, index): PolicyTestCase => {
    const at = (...path: (string | number)[]) => ['tests', index, ...path];
    const fail = (path: (string | number)[], message: string) => issues.add(file, locator.locate(path), path, message);
    const line = locator.locate(at()).line;

    let identity: IdentityAttributes | undefined;
    if (typeof test.identity === 'string') {
      identity = data.identities[test.identity];
      if (!identity)
        fail(at('identity'), `unknown identity "${test.identity}"; the suite's identities are: ${Object.keys(data.identities).join(', ') || 'none'}`);
    } else {
      identity = test.identity;
    }

    let resource: ResourceDef | undefined;
    if (typeof test.resource === 'string') {
      resource = local.get(test.resource) ?? resources.get(test.resource);
      if (!resource) fail(at('resource'), `unknown resource "${test.resource}": neither a resource of the policy nor of this suite's resources`);
    } else if (test.resource) {
      resource = inlineResource(`${test.name}`, test.resource, file, locator.locate(at('resource')).line);
    }

    for (const [position, id] of (test.rules ?? []).entries()) checkRuleId(id, at('rules', position), fail);
    for (const [position, expected] of (test.expect.findings ?? []).entries()) checkRuleId(expected.rule, at('expect', 'findings', position, 'rule'), fail);

    return {
      name: test.name,
      file,
      line,
      identity,
      resource,
      decisions: decisionsOf(test),
      directory: test.directory,
      rules: test.rules,
      asOf: test.asOf ? new Date(test.asOf) : undefined,
      findings: test.expect.findings,
    };
  });
  return { file, description: data.description, cases };
}

/** The references of a suite that failed its schema, checked as written so the author sees them in the same pass. */
function checkRawReferences(file: string, raw: Record<string, unknown>, policy: Policy, locator: YamlLocator, issues: IssueCollector): void {
  const mapping = (value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const identities = mapping(raw.identities);
  const resources = new Set([...policy.resources.map(({ id }) => id), ...Object.keys(mapping(raw.resources))]);
  const tests = Array.isArray(raw.tests) ? raw.tests : [];
  tests.forEach((test, index) => {
    const { identity, resource } = mapping(test);
    const fail = (field: string, message: string) => issues.add(file, locator.locate(['tests', index, field]), ['tests', index, field], message);
    if (typeof identity === 'string' && !(identity in identities)) fail('identity', `unknown identity "${identity}"`);
    if (typeof resource === 'string' && !resources.has(resource))
      fail('resource', `unknown resource "${resource}": neither a resource of the policy nor of this suite's resources`);
  });
}

function checkRuleId(id: string, path: (string | number)[], fail: (path: (string | number)[], message: string) => void): void {
  if (RULE_CATALOGUE[id]) return;
  const guess = closestRuleId(id);
  fail(path, `unknown audit rule "${id}"${guess ? `; did you mean ${guess}?` : ''}`);
}

function decisionsOf(test: TestCaseData): PolicyTestCase['decisions'] {
  return ACCESS_LEVELS.flatMap((level) => (test.expect[level] ? [{ level, expected: test.expect[level] }] : []));
}

/** The schema already checked the fields (testResourceSchema); parse again for the typed value with defaults. */
function inlineResource(id: string, fields: Record<string, unknown>, file: string, line: number): ResourceDef {
  const resource = resourceSchema.parse({ id: typeof fields.id === 'string' ? fields.id : safeId(id), ...fields });
  return { ...resource, source: { file, index: -1, line } };
}

const safeId = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+/, '') || 'inline';
