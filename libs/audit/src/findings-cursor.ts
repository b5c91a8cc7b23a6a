import type { FindingKey } from './audit-run.model.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the next page of a findings list starts: the audit run it pages through and the key of the last finding served. */
export interface FindingsCursor extends FindingKey {
  runId: string;
}

/** Opaque to clients (base64url of a small JSON array): they pass back what they were given. */
export function encodeFindingsCursor(c: FindingsCursor): string {
  return Buffer.from(JSON.stringify([c.runId, c.severityRank, c.rule, c.login, c.id])).toString('base64url');
}

/** The cursor, or null when the text is not one that `encodeFindingsCursor` wrote. */
export function decodeFindingsCursor(text: string): FindingsCursor | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 5) return null;
    const [runId, severityRank, rule, login, id] = v as unknown[];
    if (typeof runId !== 'string' || !UUID.test(runId)) return null;
    if (!Number.isInteger(severityRank) || typeof rule !== 'string' || typeof login !== 'string' || typeof id !== 'string') return null;
    return { runId, severityRank: severityRank as number, rule, login, id };
  } catch {
    return null;
  }
}
