import { abilitiesFor, allowsRecord, personKey } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { AccountRecord } from '#vigie/identity';
import type { PersonRef } from '#vigie/requests';
import type { Actor } from '../../use-case.js';
import { personRefOf, type RequestingWorld } from './requesting.js';

/** Who asks and for whom, found in the latest snapshots. */
export interface RequestParties {
  requester: PersonRef;
  beneficiary: AccountRecord;
  /** Person key of the beneficiary's manager (their account in the same directory), null when none. */
  beneficiaryManager: string | null;
}

/**
 * The requester and the beneficiary of a request (or of a catalogue), and whether the requester may ask for the
 * beneficiary: a person for themself, or as the manager the directory names for a report. Automation asks for
 * nothing: a token is refused. The command line is nobody: it names the person who asks (`as`).
 */
export async function requestParties(world: RequestingWorld, actor: Actor, input: { for?: string; directory?: string; as?: string }): Promise<RequestParties> {
  if (actor.type === 'token') {
    throw new VigieError(
      'forbidden',
      'an API token asks for no access (automation asks for nothing): a person asks, signed in, or the command line with --as <login>',
    );
  }
  if (actor.type === 'system') {
    if (!input.as && !input.for)
      throw new VigieError('invalid-input', 'the command line acts for nobody: name who asks (--as <login>) and for whom (--for <login>)');
    const requesterAccount = input.as ? await world.accountByLogin(input.as, input.directory, 'the requester') : undefined;
    const beneficiary = input.for ? await world.accountByLogin(input.for, input.directory, 'the beneficiary') : requesterAccount!;
    const requester = requesterAccount ? personRefOf(requesterAccount) : commandLine(actor);
    return { requester, beneficiary, beneficiaryManager: await world.managerKeyOf(beneficiary) };
  }
  if (!actor.person) throw new VigieError('forbidden', 'only a person the directory knows may ask for access: sign in with your directory account');
  const me = personKey(actor.person);
  const own = await world.accountByDn(actor.person.directory, actor.person.dn);
  const requester: PersonRef = own
    ? personRefOf(own)
    : { key: me, directory: actor.person.directory, dn: actor.person.dn, login: actor.person.login ?? null, name: actor.name, mail: null, employeeId: null };
  const beneficiary = input.for ? await world.accountByLogin(input.for, input.directory, 'the beneficiary') : own;
  if (!beneficiary) {
    throw new VigieError(
      'not-found',
      `your account (${actor.person.dn}) is not in the latest snapshot of ${actor.person.directory}: wait for the next synchronisation`,
    );
  }
  const beneficiaryManager = await world.managerKeyOf(beneficiary);
  const facts = { requester: me, beneficiary: personKey(beneficiary), beneficiaryManager, resourceOwners: [] };
  const abilities = abilitiesFor(actor);
  // A person asks for themself (the employee's ability); a manager also for the people who report to them, which the
  // directory says (their manager attribute), provided they may ask at all.
  const allowed =
    allowsRecord(abilities, 'create', 'AccessRequest', facts) ||
    (beneficiaryManager === me && allowsRecord(abilities, 'create', 'AccessRequest', { ...facts, beneficiary: me }));
  if (!allowed) {
    throw new VigieError(
      'forbidden',
      facts.beneficiary === me
        ? 'your roles do not let you ask for access'
        : `you may ask for yourself, or for the people who report to you: the directory does not name you as ${beneficiary.login}'s manager`,
    );
  }
  return { requester, beneficiary, beneficiaryManager };
}

/** The command line without `as`, for a read-only question (a catalogue for someone). */
function commandLine(actor: Extract<Actor, { type: 'system' }>): PersonRef {
  return { key: `system:${actor.id}`, directory: '', dn: '', login: actor.name ?? null, name: actor.name ?? null, mail: null, employeeId: null };
}
