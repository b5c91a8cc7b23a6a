import type * as z from 'zod';
import type { AccountFilter, EffectiveAccessService, IdentityGroupsView } from '#vigie/access';
import { abilitiesFor, allowsEveryRecord, allowsRecord, personKey } from '#vigie/access-control';
import type { FindingsPage, FindingsQueryService } from '#vigie/audit';
import type { HrEvent, HrEventStore } from '#vigie/hr';
import type { AccessRequest, AccessRequestStore } from '#vigie/requests';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { showIdentityInput } from './show-identity.input.js';

/** The desk's identity page keeps each history short: the newest entries, the rest through their own lists. */
export const IDENTITY_HISTORY_LIMIT = 50;
/** A person's current findings are few; more than this on one account is cut (the findings list has them all). */
const FINDINGS_PER_ACCOUNT = 500;

export interface IdentityView extends IdentityGroupsView {
  /** The latest successful audit run's findings on these accounts (by directory and login), most severe first. */
  findings: { asOf: string | null; auditRunId: string | null; items: FindingsPage['findings'] };
  /** Access requests for these accounts, newest first, at most IDENTITY_HISTORY_LIMIT. */
  accessRequests: AccessRequest[];
  /** HR events of the person's employee ids, newest first; null when the caller may not read HR events. */
  hrEvents: HrEvent[] | null;
  /** Why a section is null, for the page to say so. */
  withheld: { hrEvents: string | null };
}

/**
 * One identity as the desk shows it: every account of the person (same employee id) with its groups and how each
 * is held, its current findings, the access requests for it and its HR history. Read under the conditions of
 * identity-access: an employee sees only themselves, and another identity is answered as one that does not exist.
 * Effective access on resources stays identity-access's question.
 */
export class ShowIdentity implements UseCase<typeof showIdentityInput, IdentityView> {
  static readonly definition: UseCaseDefinition<typeof showIdentityInput> = {
    name: 'show-identity',
    input: showIdentityInput,
    ability: ['read', 'Access'],
    checksConditions: true,
  };
  readonly definition = ShowIdentity.definition;

  constructor(
    private readonly access: Pick<EffectiveAccessService, 'identityGroups'>,
    private readonly findings: Pick<FindingsQueryService, 'current'>,
    private readonly requests: Pick<AccessRequestStore, 'list'>,
    private readonly hrEvents: Pick<HrEventStore, 'list'>,
  ) {}

  async execute(input: z.output<typeof showIdentityInput>, context?: UseCaseContext): Promise<IdentityView> {
    const identity = await this.access.identityGroups(input.identity, { directory: input.directory, visible: visibleTo(context) });
    const [findings, accessRequests, hrEvents] = await Promise.all([
      this.findingsOf(identity),
      this.requestsFor(identity),
      mayReadHrEvents(context) ? this.hrHistoryOf(identity) : Promise.resolve(null),
    ]);
    return {
      ...identity,
      findings,
      accessRequests,
      hrEvents,
      withheld: { hrEvents: hrEvents === null ? 'the caller may not read HR events' : null },
    };
  }

  private async findingsOf(identity: IdentityGroupsView): Promise<IdentityView['findings']> {
    const pages = await Promise.all(
      identity.accounts.flatMap((a) =>
        a.login ? [this.findings.current({ directory: a.directory, login: a.login }, { limit: FINDINGS_PER_ACCOUNT, offset: 0 })] : [],
      ),
    );
    const latest = pages.find((p) => p.auditRunId !== null);
    return { asOf: latest?.asOf ?? null, auditRunId: latest?.auditRunId ?? null, items: pages.flatMap((p) => p.findings) };
  }

  private async requestsFor(identity: IdentityGroupsView): Promise<AccessRequest[]> {
    const pages = await Promise.all(identity.accounts.map((a) => this.requests.list({ beneficiary: personKey(a), limit: IDENTITY_HISTORY_LIMIT })));
    const byId = new Map(pages.flatMap((p) => p.items).map((r) => [r.id, r]));
    return [...byId.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id)).slice(0, IDENTITY_HISTORY_LIMIT);
  }

  private async hrHistoryOf(identity: IdentityGroupsView): Promise<HrEvent[]> {
    const employeeIds = [...new Set(identity.accounts.flatMap((a) => (a.employeeId ? [a.employeeId] : [])))];
    const pages = await Promise.all(employeeIds.map((employeeId) => this.hrEvents.list({ employeeId, limit: IDENTITY_HISTORY_LIMIT })));
    return pages
      .flatMap((p) => p.items)
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
      .slice(0, IDENTITY_HISTORY_LIMIT);
  }
}

/** The accounts the caller may see; undefined (all) for the system and for staff who may read every identity's access. */
function visibleTo(context: UseCaseContext | undefined): AccountFilter | undefined {
  const actor = context?.actor;
  if (!actor || actor.type === 'system') return undefined;
  const abilities = abilitiesFor(actor);
  if (allowsEveryRecord(abilities, 'read', 'Access')) return undefined;
  return (account) => allowsRecord(abilities, 'read', 'Access', { account: personKey(account) });
}

function mayReadHrEvents(context: UseCaseContext | undefined): boolean {
  const actor = context?.actor;
  return !actor || actor.type === 'system' || allowsEveryRecord(abilitiesFor(actor), 'read', 'HrEvent');
}
