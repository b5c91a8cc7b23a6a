import type * as z from 'zod';
import { VigieError, type UnitOfWork } from '#vigie/common';
import { type AccessRequestStore, type CatalogueEntry, catalogueEntry } from '#vigie/requests';
import { personKey } from '#vigie/access-control';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { requestParties } from '../shared/request-parties.js';
import { RequestingWorld, type RequestingSources } from '../shared/requesting.js';
import { accessCatalogueInput } from './access-catalogue.input.js';

/**
 * What one may ask for (oneself, or a manager for a report): every requestable resource at each level, with what it
 * gives, whether the access rules allow it for the beneficiary, who will decide, for how long, and whether they hold
 * it already or have asked for it. Answered for whoever may ask for the beneficiary, as the request itself would be.
 */
export class AccessCatalogue implements UseCase<typeof accessCatalogueInput, CatalogueEntry[]> {
  static readonly definition: UseCaseDefinition<typeof accessCatalogueInput> = {
    name: 'access-catalogue',
    input: accessCatalogueInput,
    ability: ['create', 'AccessRequest'],
    checksConditions: true,
  };
  readonly definition = AccessCatalogue.definition;

  private readonly sources: RequestingSources;

  constructor(
    sources: RequestingSources,
    private readonly uow: UnitOfWork<{ requests: Pick<AccessRequestStore, 'openFor'> }>,
  ) {
    this.sources = RequestingWorld.recent(sources);
  }

  async execute(input: z.output<typeof accessCatalogueInput>, context: UseCaseContext): Promise<CatalogueEntry[]> {
    if (context.actor.type === 'system' && !input.for) {
      throw new VigieError('invalid-input', 'the command line acts for nobody: name whose catalogue it is (--for <login>)');
    }
    const world = await RequestingWorld.load(this.sources);
    const { beneficiary } = await requestParties(world, context.actor, input);
    const key = personKey(beneficiary);
    const reach = await world.reachOf(beneficiary);
    const items = reach.items();
    const open = await this.uow.run(async ({ requests }) => {
      const found: (string | null)[] = [];
      for (const item of items) found.push((await requests.openFor(key, item.resource.id, item.level))?.id ?? null);
      return found;
    });
    return items.map((item, i) =>
      catalogueEntry(item, world.settings, {
        policy: reach.decide(item),
        alreadyHeld: reach.heldThrough(item) !== null,
        openRequest: open[i],
      }),
    );
  }
}
