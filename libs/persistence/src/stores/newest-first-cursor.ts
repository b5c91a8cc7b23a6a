import { VigieError } from '#vigie/common';

/** Whether a text is a UUID: ids of rows keyed by one are checked before they reach a uuid column. */
export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
}

/** Opaque to callers: where the previous page of a newest-first list stopped (its last row's time and UUID). */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

export function decodeCursor(text: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof id === 'string' && isUuid(id)) return { at, id };
  } catch {
    // Refused below, whatever was wrong with it.
  }
  throw new VigieError('invalid-input', 'cursor: not a cursor of this list; pass the nextCursor of the previous page, or none for the first page');
}
