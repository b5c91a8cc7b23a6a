import { COMPOUND_OPERATORS, CONDITION_OPERATORS, FIELD_OPERATORS, IDENTITY_ATTRIBUTES, RESOURCE_ATTRIBUTES } from '../policy-vocabulary.js';
import { compileCondition } from './condition-matcher.js';
import { findPlaceholders, placeholderAttribute, substitutePlaceholders } from './placeholder.js';

export type ConditionPath = (string | number)[];
export interface ConditionIssue {
  path: ConditionPath;
  message: string;
}

export interface ConditionScope {
  /** What the condition tests, for messages. */
  subject: 'identity' | 'resource';
  fields: readonly string[];
  /** Whether `${identity.x}` placeholders may appear in values. */
  placeholders: boolean;
}

export const IDENTITY_CONDITION: ConditionScope = { subject: 'identity', fields: IDENTITY_ATTRIBUTES, placeholders: false };
export const RESOURCE_CONDITION: ConditionScope = { subject: 'resource', fields: RESOURCE_ATTRIBUTES, placeholders: true };

const ALLOWED = CONDITION_OPERATORS.join(', ');
const isFieldOperator = (key: string) => (FIELD_OPERATORS as readonly string[]).includes(key);
const isCompoundOperator = (key: string) => (COMPOUND_OPERATORS as readonly string[]).includes(key);
const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isOperatorObject = (value: unknown): value is Record<string, unknown> => isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'));

/**
 * Checks a MongoDB-style condition against the operators and fields the policy format allows. The CASL matcher
 * silently treats an unknown `$op` as a literal, so a typo would make a rule never (or always) match: we refuse it.
 */
export function validateCondition(condition: unknown, scope: ConditionScope): ConditionIssue[] {
  const walker = new ConditionWalker(scope);
  walker.query(condition, [], true);
  if (walker.issues.length === 0) walker.compiles(condition);
  return walker.issues;
}

class ConditionWalker {
  readonly issues: ConditionIssue[] = [];

  constructor(private readonly scope: ConditionScope) {}

  query(query: unknown, path: ConditionPath, checkFields: boolean): void {
    if (!isPlainObject(query)) {
      return this.fail(path, 'expected a condition: a mapping of field to value, or { $and | $or: [conditions] }');
    }
    for (const [key, value] of Object.entries(query)) {
      const at = [...path, key];
      if (isCompoundOperator(key)) this.compound(key, value, at, checkFields);
      else if (isFieldOperator(key)) this.fail(at, `${key} applies to a field, e.g. { location: { ${key}: ... } }`);
      else if (key.startsWith('$')) this.unsupported(key, at);
      else {
        if (checkFields) this.field(key, at);
        this.value(value, at);
      }
    }
  }

  compiles(condition: unknown): void {
    // Placeholders become a dummy value: we only want the matcher's own checks (array operands, regex syntax...).
    const dummy = Object.fromEntries(IDENTITY_ATTRIBUTES.map((attribute) => [attribute, 'x']));
    try {
      compileCondition(substitutePlaceholders(condition as Record<string, unknown>, dummy) ?? {});
    } catch (error) {
      this.fail([], `invalid condition: ${(error as Error).message}`);
    }
  }

  private compound(operator: string, value: unknown, path: ConditionPath, checkFields: boolean): void {
    if (!Array.isArray(value) || value.length === 0) {
      return this.fail(path, `${operator} expects a non-empty list of conditions`);
    }
    value.forEach((item, index) => this.query(item, [...path, index], checkFields));
  }

  private field(name: string, path: ConditionPath): void {
    if (this.scope.fields.includes(name.split('.')[0])) return;
    this.fail(path, `unknown ${this.scope.subject} attribute "${name}"; expected one of: ${this.scope.fields.join(', ')}`);
  }

  private value(value: unknown, path: ConditionPath): void {
    if (!isOperatorObject(value)) return this.literal(value, path);
    for (const [operator, operand] of Object.entries(value)) {
      const at = [...path, operator];
      if (!operator.startsWith('$')) {
        this.fail(at, 'cannot mix operators and plain fields in one mapping');
      } else if (isCompoundOperator(operator)) {
        this.fail(at, `${operator} combines whole conditions; write it at the top: { ${operator}: [{ a: 1 }, { b: 2 }] }`);
      } else if (isFieldOperator(operator)) {
        this.operand(operator, operand, at);
      } else {
        this.unsupported(operator, at);
      }
    }
  }

  private operand(operator: string, operand: unknown, path: ConditionPath): void {
    switch (operator) {
      case '$in':
      case '$nin':
      case '$all':
        if (!Array.isArray(operand)) return this.fail(path, `${operator} expects a list of values`);
        return operand.forEach((item, index) => this.literal(item, [...path, index]));
      case '$exists':
        if (typeof operand !== 'boolean') this.fail(path, '$exists expects true or false');
        return;
      case '$size':
        if (!Number.isInteger(operand) || (operand as number) < 0) this.fail(path, '$size expects a whole number >= 0');
        return;
      case '$regex':
        return this.regex(operand, path);
      case '$lt':
      case '$lte':
      case '$gt':
      case '$gte':
        if (typeof operand !== 'number' && typeof operand !== 'string') {
          return this.fail(path, `${operator} expects a number or a string`);
        }
        return this.literal(operand, path);
      case '$elemMatch':
        if (!isPlainObject(operand)) return this.fail(path, '$elemMatch expects a condition on the list items');
        // Items of a list of strings are tested with operators; items that are objects have their own fields.
        return isOperatorObject(operand) ? this.value(operand, path) : this.query(operand, path, false);
      case '$not':
        if (!isOperatorObject(operand)) {
          return this.fail(path, "$not expects operators, e.g. { $not: { $regex: '^tmp' } }");
        }
        return this.value(operand, path);
      default:
        return this.literal(operand, path);
    }
  }

  private regex(operand: unknown, path: ConditionPath): void {
    if (typeof operand !== 'string') return this.fail(path, '$regex expects a regular expression as a string');
    this.literal(operand, path);
    try {
      new RegExp(operand.replace(/\$\{[^}]*\}/g, 'x'));
    } catch (error) {
      this.fail(path, `invalid regular expression: ${(error as Error).message}`);
    }
  }

  private literal(value: unknown, path: ConditionPath): void {
    if (typeof value === 'string') return this.placeholders(value, path);
    if (Array.isArray(value)) return value.forEach((item, index) => this.literal(item, [...path, index]));
    if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) this.literal(item, [...path, key]);
    }
  }

  private placeholders(text: string, path: ConditionPath): void {
    for (const { raw, expression } of findPlaceholders(text)) {
      if (!this.scope.placeholders) {
        this.fail(path, `placeholder ${raw} is not allowed here: placeholders belong in where, to compare a resource with the identity`);
      } else if (!placeholderAttribute(expression)) {
        this.fail(path, `unknown placeholder ${raw}; expected \${identity.<attribute>} with attribute one of: ${IDENTITY_ATTRIBUTES.join(', ')}`);
      }
    }
  }

  private unsupported(operator: string, path: ConditionPath): void {
    this.fail(path, `unsupported operator ${operator}; allowed operators: ${ALLOWED}`);
  }

  private fail(path: ConditionPath, message: string): void {
    this.issues.push({ path, message });
  }
}
