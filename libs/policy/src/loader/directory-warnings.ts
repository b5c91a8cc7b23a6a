import { closest } from '../rule-catalogue.js';
import type { IssueCollector } from './issue-collector.js';
import type { ParsedDocument } from './policy-document-parser.js';
import type { PathSegment } from './yaml-locator.js';

/** The identity attributes whose values `policy validate` compares with the directory's (free text from HR and LDAP). */
export const CHECKED_ATTRIBUTES = ['department', 'title', 'employeeType', 'location'] as const;
export type CheckedAttribute = (typeof CHECKED_ATTRIBUTES)[number];

/**
 * What the directories (and the HR roster) hold, as far as warnings need it. The caller builds it from the snapshots:
 * this library reaches no directory.
 */
export interface DirectoryFacts {
  /** "directory corp-ad", "the LDIF export acme.ldif": named in messages. */
  label: string;
  /** Where the values come from: the label, and the HR roster when one was read. */
  valuesLabel: string;
  /** The values accounts hold for an attribute (the directory's, or HR's where the directory has none). */
  valuesOf(attribute: CheckedAttribute): ReadonlySet<string>;
  /** Whether an account with this login exists, in this directory when one is named. */
  hasAccount(login: string, directory?: string): boolean;
}

type Item = Record<string, unknown>;

/**
 * What is valid but cannot be what the author meant: a condition on a value no account holds (a department name
 * where the directory holds codes: the rule never applies), an inventory entry for an account that does not exist.
 */
export function checkAgainstDirectory(documents: readonly ParsedDocument[], facts: DirectoryFacts, warnings: IssueCollector): void {
  for (const document of documents) {
    const warn = (path: PathSegment[], message: string) => warnings.add(document.file.path, document.locator.locate(path), path, message);
    const account = (login: unknown, directory: unknown, path: PathSegment[], what: string, remedy: string) => {
      if (typeof login !== 'string' || facts.hasAccount(login, typeof directory === 'string' ? directory : undefined)) return;
      const where = typeof directory === 'string' ? `directory ${directory}` : facts.label;
      warn(path, `${what} "${login}" is no account of ${where}: ${remedy}`);
    };
    switch (document.kind.kind) {
      case 'AccessRuleList':
        items(document.raw.rules).forEach(([rule, index]) => checkCondition(rule.when, ['rules', index, 'when'], facts, warn));
        break;
      case 'Settings':
        asList(document.raw.serviceAccounts).forEach((entry, index) => {
          const isString = typeof entry === 'string';
          const login = isString ? entry : (entry as Item | null)?.login;
          const path = isString ? ['serviceAccounts', index] : ['serviceAccounts', index, 'login'];
          account(
            login,
            isString ? undefined : (entry as Item | null)?.directory,
            path,
            'service account',
            'remove it from the inventory, or correct the login',
          );
        });
        break;
      case 'ExternalPersonList':
        items(document.raw.externals).forEach(([external, index]) =>
          account(external.login, external.directory, ['externals', index, 'login'], 'external person', 'remove the entry, or correct the login'),
        );
        break;
      case 'GrantList':
        items(document.raw.grants).forEach(([grant, index]) => {
          const to = grant.to !== null && typeof grant.to === 'object' ? (grant.to as Item) : {};
          account(to.login, to.directory, ['grants', index, 'to', 'login'], 'login', 'the grant allows nobody; correct the login');
        });
        break;
    }
  }
}

/** Walks the positive tests of a `when` (`$ne`, `$nin` and `$not` exclude, so an unknown value there is harmless). */
function checkCondition(query: unknown, path: PathSegment[], facts: DirectoryFacts, warn: (path: PathSegment[], message: string) => void): void {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) return;
  for (const [key, value] of Object.entries(query as Item)) {
    if ((key === '$and' || key === '$or') && Array.isArray(value)) {
      value.forEach((item, index) => checkCondition(item, [...path, key, index], facts, warn));
    } else if ((CHECKED_ATTRIBUTES as readonly string[]).includes(key)) {
      for (const [literal, at] of literals(value, [...path, key])) {
        const message = unheldValue(key as CheckedAttribute, literal, facts);
        if (message) warn(at, message);
      }
    }
  }
}

function literals(value: unknown, path: PathSegment[]): Array<[string, PathSegment[]]> {
  if (typeof value === 'string') return [[value, path]];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const operators = value as Item;
  const found: Array<[string, PathSegment[]]> = [];
  if (typeof operators.$eq === 'string') found.push([operators.$eq, [...path, '$eq']]);
  asList(operators.$in).forEach((item, index) => {
    if (typeof item === 'string') found.push([item, [...path, '$in', index]]);
  });
  // Placeholders (${identity.x}) are compared at run time, not here.
  return found.filter(([literal]) => !literal.includes('${'));
}

function unheldValue(attribute: CheckedAttribute, value: string, facts: DirectoryFacts): string | undefined {
  const held = facts.valuesOf(attribute);
  if (held.has(value)) return undefined;
  const sameButCase = [...held].find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  const guess = sameButCase ?? closest(value, [...held]);
  const sample = [...held].sort().slice(0, 10);
  const holds =
    held.size === 0
      ? `no account of ${facts.valuesLabel} has a ${attribute} at all`
      : `${attribute} values in ${facts.valuesLabel}: ${sample.join(', ')}${held.size > sample.length ? ', ...' : ''}`;
  return (
    `no account has ${attribute} "${value}", so this never matches (${holds})` +
    (sameButCase ? `; values are compared exactly: write "${sameButCase}"` : guess ? `; did you mean "${guess}"?` : '')
  );
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function items(value: unknown): Array<[Item, number]> {
  return asList(value).flatMap((item, index): Array<[Item, number]> =>
    item !== null && typeof item === 'object' && !Array.isArray(item) ? [[item as Item, index]] : [],
  );
}
