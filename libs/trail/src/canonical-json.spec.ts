import { canonicalJson, toJsonValue } from './canonical-json.js';

describe(canonicalJson.name, () => {
  it('sorts keys at every depth, whatever the order they were written in', () => {
    const a = canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } });
    const b = canonicalJson({ a: { c: null, d: [3, { y: 2, z: 1 }] }, b: 1 });
    expect(a).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(b).toBe(a);
  });

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ é: 1, z: 2, A: 3, '\u{1F600}': 4 })).toBe('{"A":3,"z":2,"é":1,"\u{1F600}":4}');
  });

  it('writes strings and numbers as JSON.stringify does, with no whitespace', () => {
    expect(canonicalJson(['a"b\\c\n', 1.5, -0, 1e21, 0.1, true, false])).toBe('["a\\"b\\\\c\\n",1.5,0,1e+21,0.1,true,false]');
  });

  it('drops undefined members and writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('refuses what has no JSON form instead of hashing something ambiguous', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(/NaN/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/plain objects only, got Date/);
    expect(() => canonicalJson(() => 1)).toThrow(/function/);
  });
});

describe(toJsonValue.name, () => {
  it('gives the value as jsonb hands it back: dates as ISO strings, no undefined, no NUL', () => {
    expect(toJsonValue({ at: new Date('2026-01-02T03:04:05.678Z'), gone: undefined, text: 'a\u0000b', n: Number.POSITIVE_INFINITY })).toEqual({
      at: '2026-01-02T03:04:05.678Z',
      text: 'a\ufffdb',
      n: null,
    });
    expect(toJsonValue(undefined)).toBeNull();
  });

  it('round-trips through jsonb key reordering to the same canonical text', () => {
    const v = toJsonValue({ z: 1, a: [{ y: 'x', b: 2 }] });
    const reordered = JSON.parse('{"a":[{"b":2,"y":"x"}],"z":1}');
    expect(canonicalJson(reordered)).toBe(canonicalJson(v));
  });
});
