import type { HrPerson } from './events/hr-person.model.js';
import { type HrRecord, HrRoster } from './hr-record.model.js';
import { HrSource } from './hr.source.js';
import type { HrEventStore } from './ports/hr-event.store.js';

const PAGE = 1000;

/** A calendar day (YYYY-MM-DD) as the roster's dates are: 00:00 UTC of that day. */
function dayOf(text: string | null): Date | null {
  return text && /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00Z`) : null;
}

/**
 * A person the HR feed told Vigie of, as a roster row: their account's login, their data, the last change of role
 * (G-MOVER) and the end of their access (G-LEAVER, R-LEAVER-RETENTION: the end day HR gave, else the day the leave was
 * applied).
 */
export function hrRecordOfPerson(person: HrPerson): HrRecord {
  const d = person.data;
  const left = person.active ? null : (dayOf(d.endDate) ?? person.leftAt ?? null);
  return {
    employeeId: person.employeeId,
    login: person.account?.login ?? null,
    mail: d.mail,
    firstName: d.firstName,
    lastName: d.lastName,
    department: d.department,
    title: d.title,
    employeeType: d.employeeType,
    hireDate: dayOf(d.startDate),
    endDate: left ?? dayOf(d.endDate),
    moveDate: person.moved?.at ?? null,
    previousDepartment: person.moved?.previousDepartment ?? null,
    previousTitle: person.moved?.previousTitle ?? null,
  };
}

/**
 * The audit's roster when HR events feed Vigie: the people of the feed (hr_person), over the rows of a roster file
 * when one is configured too (the feed wins for an employee id both know: it is the newer word). Null when neither
 * knows anyone, as a roster file that is not configured: the rules that need HR stay silent. Without a roster file the
 * roster is partial (not `complete`): G-ORPHAN cannot tell an account nobody owns from one of a person HR never sent.
 */
export class HrFeedSource extends HrSource {
  constructor(
    private readonly file: HrSource,
    private readonly store: () => Promise<Pick<HrEventStore, 'personsAfter'>>,
  ) {
    super();
  }

  async load(): Promise<HrRoster | null> {
    const [roster, store] = await Promise.all([this.file.load(), this.store()]);
    const fed: HrRecord[] = [];
    for (let after: string | null = null; ;) {
      const page = await store.personsAfter(after, PAGE);
      fed.push(...page.map(hrRecordOfPerson));
      if (page.length < PAGE) break;
      after = page.at(-1)!.employeeId;
    }
    if (!fed.length) return roster;
    const known = new Set(fed.map((r) => r.employeeId!.toLowerCase()));
    const fromFile = (roster?.records ?? []).filter((r) => !r.employeeId || !known.has(r.employeeId.toLowerCase()));
    // Only an export names everyone: the feed alone knows the people HR events told of since they were turned on.
    return new HrRoster([...fromFile, ...fed], roster !== null);
  }
}
