import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';

export type PathSegment = string | number;
export interface Position {
  line: number;
  column: number;
}

/** Maps a path in the parsed data back to the line and column where the author wrote it. */
export class YamlLocator {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  /**
   * Position of the value at `path`, or of its key with `target: 'key'` (unknown fields). A path that does not exist
   * (a missing required field) resolves to the deepest node that does, i.e. the mapping that lacks it.
   */
  locate(path: readonly PathSegment[], target: 'key' | 'value' = 'value'): Position {
    let node = this.doc.contents as Node | null;
    let found: Node | null = node;
    for (const [depth, segment] of path.entries()) {
      if (isMap(node)) {
        const pair = node.items.find((item) => keyText(item) === String(segment));
        if (!pair) break;
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        if (target === 'key' && depth === path.length - 1) {
          found = key;
          break;
        }
        // `field:` with nothing after it has no useful position of its own: point at the key.
        node = value?.range && !(isScalar(value) && value.value === null) ? value : key;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
        node = node.items[segment] as Node;
      } else {
        break;
      }
      found = node;
    }
    const { line, col } = this.lines.linePos(found?.range?.[0] ?? 0);
    return { line, column: col };
  }
}

function keyText(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}
