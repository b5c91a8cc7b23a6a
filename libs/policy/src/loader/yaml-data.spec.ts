import { LineCounter, parseDocument } from 'yaml';
import { MAX_ALIAS_COUNT, yamlData } from './yaml-data.js';

const dataOf = (text: string) => {
  const lines = new LineCounter();
  return yamlData(parseDocument(text, { lineCounter: lines }), lines);
};

/** Nine aliases of nine aliases, `depth` times: 9^depth values from a few lines ("billion laughs" at depth 9). */
function aliasBomb(depth: number): string {
  const names = 'abcdefghijklmnopqrstuvwxyz';
  const lines = [`${names[0]}: &${names[0]} [${Array(9).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < depth; i++)
    lines.push(
      `${names[i]}: &${names[i]} [${Array(9)
        .fill(`*${names[i - 1]}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

describe(yamlData.name, () => {
  it('gives the data of a document whose aliases repeat a little', () => {
    expect(dataOf('base: &b { read: [GG_A] }\none: *b\ntwo: *b\n')).toEqual({
      value: { base: { read: ['GG_A'] }, one: { read: ['GG_A'] }, two: { read: ['GG_A'] } },
    });
  });

  it('refuses a billion laughs at once, at the line of the alias that goes too far', () => {
    const started = Date.now();
    const result = dataOf(aliasBomb(9));
    expect(Date.now() - started).toBeLessThan(1000);
    // As yaml counts: c's node holds aliases of b, each 9 × 9; the second use of c (line 4: d: &d [*c, *c, ...]) makes 162.
    expect(result).toEqual({
      problem: { at: { line: 4, column: 12 }, message: expect.stringMatching(/^the alias \*c multiplies the data beyond 100 copies \(aliases of aliases/) },
    });
    expect(MAX_ALIAS_COUNT).toBe(100);
  });

  it("draws the line where yaml's own guard does: 729 values are data, 6561 are not", () => {
    const result = dataOf(aliasBomb(3));
    expect('value' in result && (result.value as { c: string[][][] }).c.flat(2)).toHaveLength(729);
    expect(() => parseDocument(aliasBomb(4)).toJS({ maxAliasCount: MAX_ALIAS_COUNT })).toThrow(ReferenceError);
    expect(dataOf(aliasBomb(4))).toHaveProperty('problem');
  });

  it('refuses data that contains itself, which every check would walk forever', () => {
    expect(dataOf('rules:\n  - when: &w { department: Finance, also: *w }\n')).toEqual({
      problem: { at: { line: 2, column: 43 }, message: 'the alias *w is inside the node it names (&w): data cannot contain itself; write the values out' },
    });
  });

  it('takes an alias of a sibling anchor for what it is, not a loop', () => {
    expect(dataOf('list: &l [&x 1, *x]\n')).toEqual({ value: { list: [1, 1] } });
  });
});
