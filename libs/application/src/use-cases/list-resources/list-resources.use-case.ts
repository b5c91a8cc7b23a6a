import type * as z from 'zod';
import type { EffectiveAccessService, ResourceSummary } from '#vigie/access';
import { VigieError } from '#vigie/common';
import type { UseCase, UseCaseDefinition } from '../../use-case.js';
import { listResourcesInput } from './list-resources.input.js';

export interface ResourcePage {
  policyVersion: string;
  items: ResourceSummary[];
  nextCursor: string | null;
}

/**
 * The policy's resources, filtered, by id, a page at a time. The policy is in memory (EffectiveAccessService keeps
 * it), so a page filters and sorts the whole list: a few thousand resources cost well under a millisecond. The
 * cursor is the last id of the previous page: a page neither repeats nor skips a resource when the policy changes.
 */
export class ListResources implements UseCase<typeof listResourcesInput, ResourcePage> {
  static readonly definition: UseCaseDefinition<typeof listResourcesInput> = { name: 'list-resources', input: listResourcesInput, ability: ['read', 'Access'] };
  readonly definition = ListResources.definition;

  constructor(private readonly access: Pick<EffectiveAccessService, 'resourceCatalogue'>) {}

  async execute(input: z.output<typeof listResourcesInput>): Promise<ResourcePage> {
    const after = input.cursor === undefined ? undefined : decodeCursor(input.cursor);
    const { policyVersion, resources } = await this.access.resourceCatalogue();
    const q = input.q?.toLowerCase();
    const types = input.type?.map((t) => t.toLowerCase());
    const criticalities = input.criticality?.map((c) => c.toLowerCase());
    const matching = resources
      .filter(
        (r) =>
          (!q || r.id.toLowerCase().includes(q) || r.name.toLowerCase().includes(q)) &&
          (!types?.length || types.includes(r.type.toLowerCase())) &&
          (!criticalities?.length || (r.criticality !== null && criticalities.includes(r.criticality.toLowerCase()))) &&
          (input.personalData === undefined || input.personalData === (r.personalData !== null)) &&
          (after === undefined || r.id > after),
      )
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const items = matching.slice(0, input.limit);
    const more = matching.length > input.limit;
    return { policyVersion, items, nextCursor: more ? encodeCursor(items[items.length - 1]!.id) : null };
  }
}

const encodeCursor = (id: string) => Buffer.from(JSON.stringify({ after: id }), 'utf8').toString('base64url');

function decodeCursor(cursor: string): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && typeof (parsed as { after?: unknown }).after === 'string') return (parsed as { after: string }).after;
  } catch {
    // answered below
  }
  throw new VigieError('invalid-input', 'cursor: not a cursor this API gave; pass nextCursor of the previous page, or none for the first');
}
