import { VigieError } from '#vigie/common';

/**
 * Opaque to callers: the sort key of the last row of a page, as a base64url JSON array. Times go as PostgreSQL's own
 * text with microseconds (a JavaScript Date keeps milliseconds, and a cursor rounded down would skip rows).
 */
export function encodeKeyset(values: ReadonlyArray<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The sort key a cursor holds, checked against the types expected; an invalid-input error for anything else. */
export function decodeKeyset<const T extends ReadonlyArray<'string' | 'number'>>(
  text: string,
  types: T,
): { [K in keyof T]: T[K] extends 'number' ? number : string } {
  try {
    const values = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === types.length && values.every((v, i) => typeof v === types[i]))
      return values as { [K in keyof T]: T[K] extends 'number' ? number : string };
  } catch {
    // Refused below, whatever was wrong with it.
  }
  return refuseCursor();
}

/** The one answer to a cursor this list did not give. */
export function refuseCursor(): never {
  throw new VigieError('invalid-input', 'cursor: not a cursor of this list; pass the nextCursor of the previous page, or none for the first page');
}

/** PostgreSQL's exact text of a timestamptz column, in UTC with microseconds: the time part of a cursor. */
export function exactTime(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
