import { findPlaceholders } from '../conditions/placeholder.js';
import type { IssueCollector } from './issue-collector.js';
import type { ParsedDocument } from './policy-document-parser.js';
import type { PathSegment } from './yaml-locator.js';

type Declared = { type: unknown; at: string };
type Item = Record<string, unknown>;

/**
 * Checks that span files, which no single schema can see. They read the documents as written, item by item, so they
 * also run on files that have other errors: the author sees everything in one pass.
 */
export function checkCrossReferences(documents: readonly ParsedDocument[], issues: IssueCollector): void {
  const resources = checkResourceIds(documents, issues);
  checkRuleTargets(documents, resources, issues);
  checkSingleSettings(documents, issues);
  checkRecordIds(documents, issues);
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

function items(document: ParsedDocument, list: string): [Item, number][] {
  const value = document.raw[list];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index): [Item, number][] =>
    item !== null && typeof item === 'object' && !Array.isArray(item) ? [[item as Item, index]] : [],
  );
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
        declared.set(resource.id, { type: resource.type, at: `${document.file.path}:${position.line}` });
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

function checkSingleSettings(documents: readonly ParsedDocument[], issues: IssueCollector): void {
  const settings = documents.filter(({ kind }) => kind.kind === 'Settings');
  for (const extra of settings.slice(1)) {
    const message = `only one Settings file is allowed; ${settings[0].file.path} already defines the settings`;
    issues.add(extra.file.path, extra.locator.locate(['kind']), ['kind'], message);
  }
}
