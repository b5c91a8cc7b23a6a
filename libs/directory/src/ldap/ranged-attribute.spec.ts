import type { AttributeValue } from '../directory-entry.js';
import { completeRangedAttributes, hasRangedAttributes, mergeRangeChunk, mergeRanges, parseAttributeRange, type RangeRequest } from './ranged-attribute.js';

const dns = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `CN=u${from + i},DC=acme,DC=test`);

describe('parseAttributeRange', () => {
  it('takes a range option apart', () => {
    expect(parseAttributeRange('member;range=0-1499')).toEqual({ attribute: 'member', low: 0, high: 1499 });
    expect(parseAttributeRange('Member;Range=1500-*')).toEqual({ attribute: 'member', low: 1500, high: '*' });
    expect(parseAttributeRange('member;binary;range=0-9')).toEqual({ attribute: 'member;binary', low: 0, high: 9 });
  });

  it('returns null for other descriptions', () => {
    expect(parseAttributeRange('member')).toBeNull();
    expect(parseAttributeRange('cn;lang-fr')).toBeNull();
    expect(parseAttributeRange('member;range=a-b')).toBeNull();
  });
});

describe('range merging (as a Windows DC answers; Samba never ranges)', () => {
  it('leaves entries without ranges alone', () => {
    const attributes = { cn: ['g'], member: ['CN=a'] };
    expect(mergeRanges(attributes)).toEqual({ attributes, pending: [] });
  });

  it('follows member;range=0-1499 with 1500-*, 3000-* until a range ends with *', () => {
    // The first answer, attribute names lower-cased as the decoder gives them.
    const first: Record<string, AttributeValue[]> = { cn: ['Big'], 'member;range=0-1499': dns(0, 1499) };
    const { attributes, pending } = mergeRanges(first);
    expect(attributes['member']).toHaveLength(1500);
    expect(attributes['member;range=0-1499']).toBeUndefined();
    expect(pending).toEqual([{ attribute: 'member', low: 1500, description: 'member;range=1500-*' }]);

    const second = mergeRangeChunk(attributes, pending[0]!, { 'member;range=1500-2999': dns(1500, 2999) });
    expect(second).toEqual({ attribute: 'member', low: 3000, description: 'member;range=3000-*' });
    const third = mergeRangeChunk(attributes, second!, { 'member;range=3000-*': dns(3000, 3204) });
    expect(third).toBeNull();

    expect(attributes['member']).toEqual(dns(0, 3204));
    expect(attributes['cn']).toEqual(['Big']);
  });

  it('completes when the last range is empty (group shrank to exactly the asked index)', () => {
    const attributes = { member: dns(0, 1499) };
    const request: RangeRequest = { attribute: 'member', low: 1500, description: 'member;range=1500-*' };
    expect(mergeRangeChunk(attributes, request, { 'member;range=1500-*': [] })).toBeNull();
    expect(mergeRangeChunk(attributes, request, {})).toBeNull();
    expect(attributes['member']).toHaveLength(1500);
  });

  it('merges several ranged attributes of one entry independently', () => {
    const { attributes, pending } = mergeRanges({
      'member;range=0-1': ['a', 'b'],
      'msds-revealedusers;range=0-*': ['x'],
    });
    expect(attributes).toEqual({ member: ['a', 'b'], 'msds-revealedusers': ['x'] });
    expect(pending.map((p) => p.description)).toEqual(['member;range=2-*']);
  });

  it('refuses an answer for another range than the one asked', () => {
    const request: RangeRequest = { attribute: 'member', low: 1500, description: 'member;range=1500-*' };
    expect(() => mergeRangeChunk({}, request, { 'member;range=0-1499': ['a'] })).toThrow(/asked for member;range=1500-\*/);
  });

  it('does not overflow the stack on very large ranges', () => {
    const big = Array.from({ length: 300_000 }, (_, i) => `CN=u${i}`);
    const { attributes } = mergeRanges({ 'member;range=0-*': big });
    expect(attributes['member']).toHaveLength(300_000);
  });
});

describe('completeRangedAttributes', () => {
  // A fake Windows DC holding a group of 3205 members, answering 1500 values at a time.
  const all = dns(0, 3204);
  const dc = async (dn: string, description: string): Promise<Record<string, AttributeValue[]>> => {
    const low = parseAttributeRange(description)!.low;
    const high = Math.min(low + 1499, all.length - 1);
    const last = high === all.length - 1;
    return { [`member;range=${low}-${last ? '*' : high}`]: all.slice(low, high + 1) };
  };

  it('asks for each following range by base search and merges them all', async () => {
    const asked: string[] = [];
    const entry = { dn: 'CN=Big,DC=acme,DC=test', attributes: { cn: ['Big'], 'member;range=0-1499': all.slice(0, 1500) } };
    const complete = await completeRangedAttributes(entry, (dn, description) => {
      asked.push(`${dn} ${description}`);
      return dc(dn, description);
    });
    expect(asked).toEqual(['CN=Big,DC=acme,DC=test member;range=1500-*', 'CN=Big,DC=acme,DC=test member;range=3000-*']);
    expect(complete.attributes).toEqual({ cn: ['Big'], member: all });
  });

  it('returns entries without ranges as they are, without asking anything', async () => {
    const entry = { dn: 'cn=g', attributes: { member: ['cn=a'] } };
    expect(await completeRangedAttributes(entry, () => Promise.reject(new Error('not expected')))).toBe(entry);
  });

  it('fails with DirectorySearchError naming the entry when the server answers another range', async () => {
    const entry = { dn: 'CN=Big,DC=acme,DC=test', attributes: { 'member;range=0-1': ['a', 'b'] } };
    await expect(completeRangedAttributes(entry, async () => ({ 'member;range=0-1': ['a', 'b'] }))).rejects.toThrow(
      /search under CN=Big,DC=acme,DC=test failed: asked for member;range=2-\*, the server answered member;range=0-1/,
    );
  });
});

describe('hasRangedAttributes', () => {
  it('tells an entry with a ranged attribute from one without', () => {
    expect(hasRangedAttributes({ member: ['a'], cn: ['g'] })).toBe(false);
    expect(hasRangedAttributes({ 'member;range=0-1499': ['a'], cn: ['g'] })).toBe(true);
    expect(hasRangedAttributes({})).toBe(false);
  });
});
