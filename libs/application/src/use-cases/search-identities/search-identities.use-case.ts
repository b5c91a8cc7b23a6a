import * as z from 'zod';
import { abilitiesFor, allowsEveryRecord, allowsRecord, personKey } from '#vigie/access-control';
import type { AccountSearch, AccountSearchPage } from '#vigie/identity';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { directoryName, pageLimit } from '../shared/input-schemas.js';

export const searchIdentitiesInput = z
  .object({
    /** The start of a login, display name, employee id or mail, any case. */
    q: z.string().trim().min(1, 'give the start of a login, a name, an employee id or a mail').max(256).optional(),
    directory: directoryName.optional(),
    limit: pageLimit,
    cursor: z.string().min(1).max(2048).optional(),
  })
  .strict();

/**
 * Accounts of every directory by the start of a login, name, employee id or mail, a page at a time. Staff who read
 * everyone's access find anyone; an employee finds only their own account (the same conditions as identity-access),
 * and a token without that ability finds nobody.
 */
export class SearchIdentities implements UseCase<typeof searchIdentitiesInput, AccountSearchPage> {
  static readonly definition: UseCaseDefinition<typeof searchIdentitiesInput> = {
    name: 'search-identities',
    input: searchIdentitiesInput,
    ability: ['read', 'Access'],
    checksConditions: true,
  };
  readonly definition = SearchIdentities.definition;

  constructor(private readonly accounts: Pick<AccountSearch, 'search'>) {}

  async execute(input: z.output<typeof searchIdentitiesInput>, context?: UseCaseContext): Promise<AccountSearchPage> {
    const query = {
      limit: input.limit,
      ...(input.q ? { q: input.q } : {}),
      ...(input.directory ? { directory: input.directory } : {}),
      ...(input.cursor ? { cursor: input.cursor } : {}),
    };
    const actor = context?.actor;
    if (!actor || actor.type === 'system') return this.accounts.search(query);
    const abilities = abilitiesFor(actor);
    if (allowsEveryRecord(abilities, 'read', 'Access')) return this.accounts.search(query);
    // Conditional: the caller's own account at most, checked against the same rule identity-access applies.
    if (!actor.person) return { items: [], nextCursor: null };
    const page = await this.accounts.search({ ...query, only: { directory: actor.person.directory, dn: actor.person.dn } });
    return { items: page.items.filter((a) => allowsRecord(abilities, 'read', 'Access', { account: personKey(a) })), nextCursor: page.nextCursor };
  }
}
