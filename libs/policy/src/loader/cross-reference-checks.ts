import { findPlaceholders } from '../conditions/placeholder.js';
import { type KnownGroups, unknownGroupMessage } from '../policy-references.js';
import { type AccessLevel, ACCESS_LEVELS, levelsAtOrAbove, LOCAL_ADMIN_TYPES, type ResourceType } from '../policy-vocabulary.js';
import type { IssueCollector } from './issue-collector.js';
import type { ParsedDocument } from './policy-document-parser.js';
import type { PathSegment } from './yaml-locator.js';

type Declared = { type: unknown; grants: unknown; at: string };
type Item = Record<string, unknown>;

/**
 * Checks that span files, which no single schema can see. They read the documents as written, item by item, so they
 * also run on files that have other errors: the author sees everything in one pass.
 */
export function checkCrossReferences(documents: readonly ParsedDocument[], issues: IssueCollector, directory?: KnownGroups): void {
  const resources = checkResourceIds(documents, issues);
  checkRuleTargets(documents, resources, issues);
  checkSodRules(documents, resources, issues);
  checkSingleSettings(documents, issues);
  checkRecordIds(documents, issues);
  checkTemporaryGrants(documents, resources, issues);
  checkExternals(documents, issues);
  if (directory) checkGroupReferences(documents, directory, issues);
}

function checkRecordIds(documents: readonly ParsedDocument[], issues: IssueCollector): void {
  const declared = new Map<string, string>();
  for (const document of documents.filter(({ kind }) => kind.kind === 'ProcessingRecordList')) {
    for (const [record, index] of items(document, 'records')) {
      if (typeof record.id !== 'string') continue;
      const path = ['records', index, 'id'];
      const position = document.locator.locate(path);
      const first = declared.get(record.id);
      if (first) issues.add(document.file.path, position, path, `duplicate record id "${record.id}", already defined at ${first}`);
      else declared.set(record.id, `${document.file.path}:${position.line}`);
    }
  }
}

/** Every group reference, as written, checked by the caller's resolver (the policy library reaches no directory). */
function checkGroupReferences(documents: readonly ParsedDocument[], directory: KnownGroups, issues: IssueCollector): void {
  for (const document of documents) {
    const check = (value: unknown, path: PathSegment[]) => {
      if (typeof value !== 'string') return;
      const reason = directory.unknownReason(value);
      if (reason !== undefined) issues.add(document.file.path, document.locator.locate(path), path, unknownGroupMessage(value, reason));
    };
    const list = (value: unknown, path: PathSegment[]) => {
      if (Array.isArray(value)) value.forEach((item, index) => check(item, [...path, index]));
    };
    switch (document.kind.kind) {
      case 'ResourceList':
        for (const [resource, index] of items(document, 'resources')) {
          const grants = resource.grants !== null && typeof resource.grants === 'object' ? (resource.grants as Item) : {};
          for (const [level, groups] of Object.entries(grants)) list(groups, ['resources', index, 'grants', level]);
          if (resource.computers !== null && typeof resource.computers === 'object')
            list((resource.computers as Item).groups, ['resources', index, 'computers', 'groups']);
        }
        break;
      case 'SodRuleList':
        for (const [rule, index] of items(document, 'rules')) {
          const entitlements = Array.isArray(rule.entitlements) ? rule.entitlements : [];
          entitlements.forEach((entitlement: unknown, position: number) => {
            if (entitlement !== null && typeof entitlement === 'object')
              check((entitlement as Item).group, ['rules', index, 'entitlements', position, 'group']);
          });
        }
        break;
      case 'ProcessingRecordList':
        for (const [record, index] of items(document, 'records')) list(record.recipients, ['records', index, 'recipients']);
        break;
      case 'GrantList':
        for (const [grant, index] of items(document, 'grants')) {
          if (grant.to !== null && typeof grant.to === 'object') check((grant.to as Item).group, ['grants', index, 'to', 'group']);
        }
        break;
      case 'Settings':
        for (const name of ['privilegedGroups', 'everyoneGroups']) list(document.raw[name], [name]);
        break;
    }
  }
}

function items(document: ParsedDocument, list: string): [Item, number][] {
  const value = document.raw[list];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): [Item, number][] => (item !== null && typeof item === 'object' && !Array.isArray(item) ? [[item as Item, index]] : []));
}

function checkResourceIds(documents: readonly ParsedDocument[], issues: IssueCollector): Map<string, Declared> {
  const declared = new Map<string, Declared>();
  for (const document of documents.filter(({ kind }) => kind.kind === 'ResourceList')) {
    for (const [resource, index] of items(document, 'resources')) {
      if (typeof resource.id !== 'string') continue;
      const path = ['resources', index, 'id'];
      const position = document.locator.locate(path);
      const first = declared.get(resource.id);
      if (first) {
        issues.add(document.file.path, position, path, `duplicate resource id "${resource.id}", already defined at ${first.at}`);
      } else {
        declared.set(resource.id, { type: resource.type, grants: resource.grants, at: `${document.file.path}:${position.line}` });
      }
    }
  }
  return declared;
}

/** A rule naming a resource id that does not exist, or one of another type, would silently never match. */
function checkRuleTargets(documents: readonly ParsedDocument[], resources: Map<string, Declared>, issues: IssueCollector) {
  for (const document of documents.filter(({ kind }) => kind.kind === 'AccessRuleList')) {
    for (const [rule, index] of items(document, 'rules')) {
      for (const { id, path, positive } of referencedIds(rule.where, ['rules', index, 'where'])) {
        const resource = resources.get(id);
        const at = document.locator.locate(path);
        if (!resource) {
          issues.add(document.file.path, at, path, `unknown resource id "${id}"; no resource file defines it`);
        } else if (positive && rule.on !== 'all' && resource.type !== rule.on) {
          issues.add(document.file.path, at, path, `resource "${id}" is a ${String(resource.type)}, but this rule is on ${String(rule.on)}`);
        }
      }
    }
  }
}

interface IdReference {
  id: string;
  path: PathSegment[];
  /** false for $ne / $nin, which exclude the resource rather than target it. */
  positive: boolean;
}

function referencedIds(query: unknown, path: PathSegment[]): IdReference[] {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) return [];
  const found: IdReference[] = [];
  for (const [key, value] of Object.entries(query)) {
    if ((key === '$and' || key === '$or') && Array.isArray(value)) {
      value.forEach((item, index) => found.push(...referencedIds(item, [...path, key, index])));
    } else if (key === 'id') {
      found.push(...idOperands(value, [...path, key], true));
    }
  }
  return found.filter(({ id }) => findPlaceholders(id).length === 0);
}

function idOperands(value: unknown, path: PathSegment[], positive: boolean): IdReference[] {
  if (typeof value === 'string') return [{ id: value, path, positive }];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const operators = value as Item;
  const single = (operator: string, isPositive: boolean) =>
    typeof operators[operator] === 'string' ? [{ id: operators[operator], path: [...path, operator], positive: isPositive }] : [];
  const list = (operator: string, isPositive: boolean) =>
    Array.isArray(operators[operator])
      ? (operators[operator] as unknown[]).flatMap((item, index) => idOperands(item, [...path, operator, index], isPositive))
      : [];
  return [...single('$eq', positive), ...single('$ne', false), ...list('$in', positive), ...list('$nin', false)];
}

/**
 * An SoD rule that names a missing resource, or a level the resource never grants, can never be broken: it would
 * look like protection while checking nothing. Rule ids key the findings, so they are unique.
 */
function checkSodRules(documents: readonly ParsedDocument[], resources: Map<string, Declared>, issues: IssueCollector): void {
  const ids = new Map<string, string>();
  for (const document of documents.filter(({ kind }) => kind.kind === 'SodRuleList')) {
    const add = (path: PathSegment[], message: string) => issues.add(document.file.path, document.locator.locate(path), path, message);
    for (const [rule, index] of items(document, 'rules')) {
      if (typeof rule.id === 'string') {
        const at = `${document.file.path}:${document.locator.locate(['rules', index, 'id']).line}`;
        const first = ids.get(rule.id);
        if (first) add(['rules', index, 'id'], `duplicate SoD rule id "${rule.id}", already defined at ${first}`);
        else ids.set(rule.id, at);
      }
      const seen = new Map<string, number>();
      const entitlements = Array.isArray(rule.entitlements) ? (rule.entitlements as unknown[]) : [];
      entitlements.forEach((entitlement, position) => {
        if (entitlement === null || typeof entitlement !== 'object') return;
        const path: PathSegment[] = ['rules', index, 'entitlements', position];
        const { resource: id, level, group } = entitlement as Item;
        const key = typeof group === 'string' ? `group:${group.toLowerCase()}` : `resource:${String(id)}:${String(level ?? '')}`;
        const twin = seen.get(key);
        if (twin !== undefined) add(path, `the same entitlement as entitlements[${twin}]`);
        else seen.set(key, position);
        if (typeof id !== 'string') return;
        const resource = resources.get(id);
        if (!resource) return add([...path, 'resource'], `unknown resource id "${id}"; no resource file defines it`);
        const problem = unreachableLevel(resource, level);
        if (problem) add([...path, level === undefined ? 'resource' : 'level'], problem);
      });
    }
  }
}

function unreachableLevel(resource: Declared, level: unknown): string | undefined {
  const type = resource.type as ResourceType;
  if (level === 'local-admin' && !LOCAL_ADMIN_TYPES.includes(type)) {
    return `local-admin applies only to ${LOCAL_ADMIN_TYPES.join(' and ')}, and this resource is a ${String(type)}`;
  }
  const grants = resource.grants !== null && typeof resource.grants === 'object' ? (resource.grants as Item) : {};
  const granted = ACCESS_LEVELS.filter((candidate) => Array.isArray(grants[candidate]) && (grants[candidate] as unknown[]).length > 0);
  const holding = typeof level === 'string' && (ACCESS_LEVELS as readonly string[]).includes(level) ? levelsAtOrAbove(level as AccessLevel) : ACCESS_LEVELS;
  if (granted.some((candidate) => holding.includes(candidate))) return undefined;
  const grantedText = granted.length ? `it grants only ${granted.join(', ')}` : 'it grants nothing';
  const wanted = typeof level === 'string' ? `${level} or above` : 'any level';
  return `no one can hold this entitlement: the resource grants no group ${wanted} (${grantedText}) at ${resource.at}`;
}

function checkSingleSettings(documents: readonly ParsedDocument[], issues: IssueCollector): void {
  const settings = documents.filter(({ kind }) => kind.kind === 'Settings');
  for (const extra of settings.slice(1)) {
    const message = `only one Settings file is allowed; ${settings[0].file.path} already defines the settings`;
    issues.add(extra.file.path, extra.locator.locate(['kind']), ['kind'], message);
  }
}

/** A grant on a missing resource, or of a level the resource never grants, would allow nothing and expire unnoticed. */
function checkTemporaryGrants(documents: readonly ParsedDocument[], resources: Map<string, Declared>, issues: IssueCollector): void {
  const ids = new Map<string, string>();
  for (const document of documents.filter(({ kind }) => kind.kind === 'GrantList')) {
    const add = (path: PathSegment[], message: string) => issues.add(document.file.path, document.locator.locate(path), path, message);
    for (const [grant, index] of items(document, 'grants')) {
      if (typeof grant.id === 'string') {
        const first = ids.get(grant.id);
        if (first) add(['grants', index, 'id'], `duplicate grant id "${grant.id}", already defined at ${first}`);
        else ids.set(grant.id, `${document.file.path}:${document.locator.locate(['grants', index, 'id']).line}`);
      }
      if (typeof grant.resource !== 'string') continue;
      const resource = resources.get(grant.resource);
      if (!resource) {
        add(['grants', index, 'resource'], `unknown resource id "${grant.resource}"; no resource file defines it`);
        continue;
      }
      const levels = Array.isArray(grant.levels) ? (grant.levels as unknown[]) : [];
      levels.forEach((level, position) => {
        if (typeof level !== 'string' || !(ACCESS_LEVELS as readonly string[]).includes(level)) return;
        const problem = ungrantedLevel(resource, level as AccessLevel);
        if (problem) add(['grants', index, 'levels', position], problem);
      });
    }
  }
}

function ungrantedLevel(resource: Declared, level: AccessLevel): string | undefined {
  const type = resource.type as ResourceType;
  if (level === 'local-admin' && !LOCAL_ADMIN_TYPES.includes(type)) {
    return `local-admin applies only to ${LOCAL_ADMIN_TYPES.join(' and ')}, and this resource is a ${String(type)}`;
  }
  const grants = resource.grants !== null && typeof resource.grants === 'object' ? (resource.grants as Item) : {};
  if (Array.isArray(grants[level]) && (grants[level] as unknown[]).length > 0) return undefined;
  return `the resource grants no group ${level} (see ${resource.at}): the grant would allow nothing; name a level the resource grants`;
}

/** One entry per external account, and never one that the settings call a service account: a person's account is not a service's. */
function checkExternals(documents: readonly ParsedDocument[], issues: IssueCollector): void {
  const services = new Set<string>();
  for (const document of documents.filter(({ kind }) => kind.kind === 'Settings')) {
    const list = Array.isArray(document.raw.serviceAccounts) ? (document.raw.serviceAccounts as unknown[]) : [];
    for (const entry of list) {
      const login = typeof entry === 'string' ? entry : entry !== null && typeof entry === 'object' ? (entry as Item).login : undefined;
      if (typeof login === 'string') services.add(login.toLowerCase());
    }
  }
  const seen = new Map<string, string>();
  for (const document of documents.filter(({ kind }) => kind.kind === 'ExternalPersonList')) {
    for (const [external, index] of items(document, 'externals')) {
      if (typeof external.login !== 'string') continue;
      const path = ['externals', index, 'login'];
      const position = document.locator.locate(path);
      const key = `${String(external.directory ?? '*')}\u0000${external.login.toLowerCase()}`;
      const first = seen.get(key);
      if (first) issues.add(document.file.path, position, path, `"${external.login}" is already listed at ${first}`);
      else seen.set(key, `${document.file.path}:${position.line}`);
      if (services.has(external.login.toLowerCase())) {
        issues.add(
          document.file.path,
          position,
          path,
          `"${external.login}" is also in the settings' serviceAccounts: an account is either a person's (here) or a service's (there), not both`,
        );
      }
    }
  }
}
