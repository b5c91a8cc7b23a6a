import { type Staff, abilitiesFor, allowsEveryRecord } from '#vigie/access-control';
import type { RequiredAbility } from './require-ability.decorator.js';

/**
 * Whether a member of staff may use a route that declares `required`: deny by default (a route that declares no
 * ability is refused), and a conditional rule (an employee's own access) opens a route only when its use case checks
 * each record's conditions; otherwise the ability must hold for every record of the subject.
 */
export function routeAllows(staff: Pick<Staff, 'roles' | 'id' | 'person'>, required: RequiredAbility | undefined): boolean {
  if (!required) return false;
  const abilities = abilitiesFor(staff);
  return required.conditionsCheckedByUseCase
    ? abilities.can(required.action, required.subject)
    : allowsEveryRecord(abilities, required.action, required.subject);
}
