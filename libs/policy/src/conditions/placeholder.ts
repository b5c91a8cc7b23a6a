import { IDENTITY_ATTRIBUTES, type IdentityAttribute } from '../policy-vocabulary.js';

// `${identity.location}` in a `where` value is replaced by the identity's own attribute, so one rule can say
// "printers on your floor" for everyone.
const PLACEHOLDER = /\$\{([^}]*)\}/g;
const IDENTITY_REFERENCE = /^identity\.(.+)$/;

export type IdentityValues = Readonly<Partial<Record<IdentityAttribute, string | null>>>;

/** The `${...}` placeholders written in a string, raw (`${identity.x}`) and as their inner expression. */
export function findPlaceholders(text: string): { raw: string; expression: string }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ raw: m[0], expression: m[1].trim() }));
}

/** The identity attribute a placeholder expression names, or undefined if it names none we know. */
export function placeholderAttribute(expression: string): IdentityAttribute | undefined {
  const name = IDENTITY_REFERENCE.exec(expression)?.[1];
  return IDENTITY_ATTRIBUTES.find((attribute) => attribute === name);
}

/** Every identity attribute the placeholders of a condition use (for the ability cache key). */
export function placeholderAttributes(condition: unknown, into = new Set<IdentityAttribute>()): Set<IdentityAttribute> {
  if (typeof condition === 'string') {
    for (const { expression } of findPlaceholders(condition)) {
      const attribute = placeholderAttribute(expression);
      if (attribute) into.add(attribute);
    }
  } else if (condition !== null && typeof condition === 'object') {
    for (const value of Object.values(condition)) placeholderAttributes(value, into);
  }
  return into;
}

class MissingAttribute extends Error {}

/**
 * Copies a condition with its placeholders replaced by the identity's values. Returns undefined when a placeholder
 * names an attribute the identity lacks: the rule then cannot apply, rather than comparing with "undefined".
 * Values put inside a `$regex` are escaped so they match literally.
 */
export function substitutePlaceholders<T>(condition: T, identity: IdentityValues): T | undefined {
  try {
    return substitute(condition, identity, false) as T;
  } catch (error) {
    if (error instanceof MissingAttribute) return undefined;
    throw error;
  }
}

function substitute(value: unknown, identity: IdentityValues, inRegex: boolean): unknown {
  if (typeof value === 'string') return substituteText(value, identity, inRegex);
  if (Array.isArray(value)) return value.map((item) => substitute(item, identity, inRegex));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, identity, key === '$regex')]));
  }
  return value;
}

function substituteText(text: string, identity: IdentityValues, inRegex: boolean): string {
  return text.replace(PLACEHOLDER, (_raw, expression: string) => {
    const attribute = placeholderAttribute(expression.trim());
    const resolved = attribute ? identity[attribute] : undefined;
    if (resolved === undefined || resolved === null || resolved === '') throw new MissingAttribute();
    return inRegex ? escapeRegExp(resolved) : resolved;
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
