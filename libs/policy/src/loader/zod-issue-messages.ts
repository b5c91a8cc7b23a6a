import type { z } from 'zod';
import type { PathSegment } from './yaml-locator.js';

export interface IssueMessage {
  path: PathSegment[];
  /** Unknown fields and bad map keys are reported at the key, everything else at the value. */
  target: 'key' | 'value';
  message: string;
}

const ZOD_DEFAULT = /^(Invalid input|Invalid option)/;

/** Rewrites zod's issues into messages saying what is wrong and what is expected, in the policy's words. */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[]): IssueMessage[] {
  return issues.flatMap((issue): IssueMessage[] => {
    const path = issue.path as PathSegment[];
    const field = path[path.length - 1];
    const missing = !('input' in issue) || issue.input === undefined;
    switch (issue.code) {
      case 'unrecognized_keys':
        return issue.keys.map((key) => ({
          path: [...path, key],
          target: 'key',
          message: `unknown field "${key}"; ${issue.message}`,
        }));
      case 'invalid_key':
        return [{ path, target: 'key', message: `invalid key "${String(field)}": ${issue.issues[0]?.message ?? issue.message}` }];
      case 'invalid_type': {
        if (!ZOD_DEFAULT.test(issue.message)) return [{ path, target: 'value', message: issue.message }];
        const expected = typeName(issue.expected);
        const message = missing ? `missing required field "${String(field)}" (expected ${expected})` : `expected ${expected}, got ${valueType(issue.input)}`;
        return [{ path, target: 'value', message }];
      }
      case 'invalid_value': {
        const values = issue.values.map((value) => JSON.stringify(value));
        const expected = values.length === 1 ? values[0] : `one of: ${issue.values.join(', ')}`;
        const message = missing
          ? `missing required field "${String(field)}" (expected ${expected})`
          : `${JSON.stringify(issue.input)} is not allowed; expected ${expected}`;
        return [{ path, target: 'value', message }];
      }
      case 'invalid_union':
        return describeUnion(issue, path);
      case 'custom': {
        // Issues forwarded from a nested schema (forwardIssues) say themselves whether they point at a key.
        const target = (issue.params as { target?: unknown } | undefined)?.target === 'key' ? 'key' : 'value';
        return [{ path, target, message: issue.message }];
      }
      default:
        return [{ path, target: 'value', message: issue.message }];
    }
  });
}

/**
 * A value that fits none of the alternatives (a login or a mapping, say): when the value has the shape of one of them,
 * its issues inside that shape are the useful ones; otherwise say which shapes are expected.
 */
function describeUnion(issue: z.core.$ZodIssueInvalidUnion, path: PathSegment[]): IssueMessage[] {
  const shaped = issue.errors.filter((branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
  if (shaped.length > 0) {
    const best = shaped.reduce((a, b) => (b.length < a.length ? b : a));
    return describeZodIssues(best.map((inner) => ({ ...inner, path: [...path, ...inner.path] }) as z.core.$ZodIssue));
  }
  const expected = issue.errors.flatMap((branch) =>
    branch.filter((inner) => inner.code === 'invalid_type').map((inner) => typeName((inner as z.core.$ZodIssueInvalidType).expected)),
  );
  const input = 'input' in issue ? issue.input : undefined;
  const got = input === undefined ? '' : `, got ${valueType(input)}`;
  return [{ path, target: 'value', message: `expected ${[...new Set(expected)].join(' or ')}${got}` }];
}

function typeName(expected: string): string {
  const names: Record<string, string> = { record: 'a mapping', object: 'a mapping', array: 'a list', int: 'a whole number' };
  return names[expected] ?? `a ${expected}`;
}

function valueType(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** `resources[2].grants.write`; keys that are not plain words are quoted: `where["personalData.categories"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((segment, index) => {
      if (typeof segment === 'number') return `[${segment}]`;
      if (/^[A-Za-z_$][\w$-]*$/.test(segment)) return index === 0 ? segment : `.${segment}`;
      return `[${JSON.stringify(segment)}]`;
    })
    .join('');
}
