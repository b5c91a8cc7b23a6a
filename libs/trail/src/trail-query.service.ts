import { TrailStore, type TrailCursor, type TrailFilter } from './ports/trail.store.js';
import { type TrailKind, isTrailKind } from './trail-entry.model.js';
import { type TrailEntryView, pseudonymsOf, toEntryView } from './trail-view.js';
import { TrailUsageError } from './trail.errors.js';

export interface TrailQuery {
  /** A token id, a job name (`sync`), or a person's login or employee id. */
  actor?: string;
  /** A target id (`corp:uid=…`, a token id, a directory) or a person's login or employee id. */
  target?: string;
  action?: string;
  kind?: TrailKind;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

export interface TrailPage {
  entries: TrailEntryView[];
  /** Pass it as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** Reading the trail, newest first, with a cursor that stays stable while new entries arrive. */
export class TrailQueryService {
  constructor(private readonly store: TrailStore) {}

  async list(q: TrailQuery): Promise<TrailPage> {
    const filter: TrailFilter = { action: q.action, from: q.from, to: q.to, chain: q.kind ? [q.kind] : undefined };
    if (q.actor) filter.actorIds = [q.actor, ...(await this.store.findPersons(q.actor)).map((p) => p.pseudonym)];
    if (q.target) {
      filter.targetId = q.target;
      filter.subjects = (await this.store.findPersons(q.target)).map((p) => p.pseudonym);
    }
    const rows = await this.store.query(filter, q.cursor ? decodeCursor(q.cursor) : null, q.limit + 1);
    const page = rows.slice(0, q.limit);
    const people = new Map((await this.store.persons(pseudonymsOf(page))).map((p) => [p.pseudonym, p]));
    const last = page.at(-1);
    return {
      entries: page.map((e) => toEntryView(e, people)),
      nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.at, chain: last.chain, seq: last.seq }) : null,
    };
  }
}

export function encodeCursor(c: TrailCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.chain, c.seq])).toString('base64url');
}

export function decodeCursor(text: string): TrailCursor {
  try {
    const [at, chain, seq] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [string, string, number];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && isTrailKind(chain) && Number.isInteger(seq)) return { at, chain, seq };
  } catch {
    // fall through to the error below
  }
  throw new TrailUsageError('cursor is not one this API gave: pass nextCursor from the previous page as it is');
}
