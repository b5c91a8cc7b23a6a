import { type Alias, type Document, isAlias, isCollection, isNode, isPair, type LineCounter, type Node, visit } from 'yaml';
import type { Position } from './yaml-locator.js';

/**
 * How far aliases may multiply what they name, as yaml counts it (its default): far more than a policy needs, far less
 * than a "billion laughs" document (nine aliases of nine aliases of ..., a few lines that expand to a billion values).
 */
export const MAX_ALIAS_COUNT = 100;

export type YamlData = { value: unknown } | { problem: { at: Position; message: string } };

/**
 * The document's data, or where and why it cannot be made: an alias inside the node it names (data that contains
 * itself, on which every later check would recurse forever), or aliases of aliases that multiply the data far beyond
 * the file (an alias bomb, whose expansion would take the memory and the time of the process).
 */
export function yamlData(doc: Document, lines: LineCounter): YamlData {
  const found = aliasProblem(doc);
  if (found) return { problem: { at: position(found.alias, lines), message: found.message } };
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    // yaml's own guard, should it count otherwise than aliasProblem: the first alias is where to look.
    if (!(error instanceof ReferenceError)) throw error;
    const first = firstAlias(doc);
    return { problem: { at: first ? position(first, lines) : { line: 0, column: 0 }, message: tooManyAliases(first?.source ?? '') } };
  }
}

/**
 * The first alias that names one of its own ancestors, or that multiplies its anchor beyond MAX_ALIAS_COUNT. Counts as
 * yaml's toJS does: an anchor used n times, whose node holds aliases weighing w (an alias weighs its anchor's uses
 * times the anchor's weight, a scalar 1, a collection its heaviest item), weighs n × w.
 */
function aliasProblem(doc: Document): { alias: Alias; message: string } | undefined {
  const anchors = new Map<string, Node>();
  const uses = new Map<Node, number>();
  const weights = new Map<Node, number>();
  const weight = (node: unknown): number => {
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      return target ? (uses.get(target) ?? 0) * (weights.get(target) ?? 0) : 0;
    }
    if (isPair(node)) return Math.max(weight(node.key), weight(node.value));
    if (isCollection(node)) return node.items.reduce<number>((max, item) => Math.max(max, weight(item)), 0);
    return 1;
  };
  let found: { alias: Alias; message: string } | undefined;
  visit(doc, {
    Node(_key, node, path) {
      if (!isAlias(node)) {
        if (node.anchor) anchors.set(node.anchor, node);
        return undefined;
      }
      const target = anchors.get(node.source);
      if (!target) return undefined; // an unknown anchor is a syntax error, reported by the parser
      if (path.includes(target)) {
        found = {
          alias: node,
          message: `the alias *${node.source} is inside the node it names (&${node.source}): data cannot contain itself; write the values out`,
        };
        return visit.BREAK;
      }
      if (!weights.has(target)) weights.set(target, weight(target));
      const used = (uses.get(target) ?? 0) + 1;
      uses.set(target, used);
      if (used * weights.get(target)! > MAX_ALIAS_COUNT) {
        found = { alias: node, message: tooManyAliases(node.source) };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function tooManyAliases(source: string): string {
  return (
    `the alias *${source} multiplies the data beyond ${MAX_ALIAS_COUNT} copies (aliases of aliases, the shape of a YAML "billion laughs" bomb): ` +
    'write the values out, or use fewer aliases'
  );
}

function firstAlias(doc: Document): Alias | undefined {
  let first: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      first = node;
      return visit.BREAK;
    },
  });
  return first;
}

function position(node: Node, lines: LineCounter): Position {
  const { line, col } = lines.linePos(isNode(node) && node.range ? node.range[0] : 0);
  return { line, column: col };
}
