import { VigieError } from '#vigie/common';
import type { HrEvent, HrEventSource } from '../events/hr-event.model.js';
import type { HrFollowUp, HrPerson } from '../events/hr-person.model.js';
import { type HrEventPage, type HrEventQuery, type HrPersonQuery, HrEventStore } from '../ports/hr-event.store.js';

const copy = <T>(value: T): T => structuredClone(value);

/** HrEventStore in memory, for unit tests of the use cases (no transaction: each call lands at once). */
export class InMemoryHrEventStore extends HrEventStore {
  readonly events = new Map<string, HrEvent>();
  readonly persons = new Map<string, HrPerson>();
  readonly followUps = new Map<string, HrFollowUp>();

  async insert(event: HrEvent): Promise<{ event: HrEvent; duplicate: boolean }> {
    const existing = await this.findBySourceId(event.source, event.eventId);
    if (existing) return { event: existing, duplicate: true };
    this.events.set(event.id, copy(event));
    return { event: copy(event), duplicate: false };
  }

  async get(id: string): Promise<HrEvent | null> {
    const e = this.events.get(id);
    return e ? copy(e) : null;
  }

  getForUpdate(id: string): Promise<HrEvent | null> {
    return this.get(id);
  }

  async findBySourceId(source: HrEventSource, eventId: string): Promise<HrEvent | null> {
    const e = [...this.events.values()].find((x) => x.source === source && x.eventId === eventId);
    return e ? copy(e) : null;
  }

  async update(event: HrEvent): Promise<HrEvent> {
    const stored = this.events.get(event.id);
    if (!stored || stored.version !== event.version) throw new VigieError('conflict', `HR event ${event.id} changed meanwhile: try again`);
    const next = { ...copy(event), version: event.version + 1 };
    this.events.set(event.id, next);
    return copy(next);
  }

  async list(query: HrEventQuery): Promise<HrEventPage> {
    const all = [...this.events.values()]
      .filter((e) => !query.status || query.status.includes(e.status))
      .filter((e) => !query.employeeId || e.person.employeeId === query.employeeId)
      .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime() || b.id.localeCompare(a.id));
    const start = query.cursor ? Number(query.cursor) : 0;
    const items = all.slice(start, start + query.limit);
    return { items: items.map(copy), nextCursor: start + query.limit < all.length ? String(start + query.limit) : null };
  }

  async due(now: Date, limit: number): Promise<HrEvent[]> {
    return [...this.events.values()]
      .filter((e) => e.status === 'pending' && e.effectiveAt <= now)
      .sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime())
      .slice(0, limit)
      .map(copy);
  }

  async openFor(employeeId: string): Promise<HrEvent[]> {
    return [...this.events.values()]
      .filter((e) => e.person.employeeId === employeeId && (e.status === 'pending' || e.status === 'retrying'))
      .sort((a, b) => a.effectiveAt.getTime() - b.effectiveAt.getTime())
      .map(copy);
  }

  async getPerson(employeeId: string): Promise<HrPerson | null> {
    const p = this.persons.get(employeeId);
    return p ? copy(p) : null;
  }

  getPersonForUpdate(employeeId: string): Promise<HrPerson | null> {
    return this.getPerson(employeeId);
  }

  async getPersonByScimId(scimId: string): Promise<HrPerson | null> {
    const p = [...this.persons.values()].find((x) => x.scimId === scimId);
    return p ? copy(p) : null;
  }

  async savePerson(person: HrPerson): Promise<HrPerson> {
    const stored = this.persons.get(person.employeeId);
    if (stored && stored.version !== person.version) throw new VigieError('conflict', `HR person ${person.employeeId} changed meanwhile: try again`);
    const next = { ...copy(person), version: stored ? person.version + 1 : person.version };
    this.persons.set(person.employeeId, next);
    return copy(next);
  }

  async findPersons(query: HrPersonQuery): Promise<{ items: HrPerson[]; total: number }> {
    const all = [...this.persons.values()]
      .filter((p) => query.employeeId === undefined || p.employeeId === query.employeeId)
      .filter((p) => query.userName === undefined || p.userName?.toLowerCase() === query.userName.toLowerCase())
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.employeeId.localeCompare(b.employeeId));
    return { items: all.slice(query.startIndex - 1, query.startIndex - 1 + query.count).map(copy), total: all.length };
  }

  async personsAfter(afterEmployeeId: string | null, limit: number): Promise<HrPerson[]> {
    return [...this.persons.values()]
      .filter((p) => afterEmployeeId === null || p.employeeId > afterEmployeeId)
      .sort((a, b) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0))
      .slice(0, limit)
      .map(copy);
  }

  async insertFollowUp(followUp: HrFollowUp): Promise<void> {
    this.followUps.set(followUp.id, copy(followUp));
  }

  async getFollowUpForUpdate(id: string): Promise<HrFollowUp | null> {
    const f = this.followUps.get(id);
    return f ? copy(f) : null;
  }

  async updateFollowUp(followUp: HrFollowUp): Promise<void> {
    if (!this.followUps.has(followUp.id)) throw new VigieError('not-found', `no HR follow-up has the id ${followUp.id}`);
    this.followUps.set(followUp.id, copy(followUp));
  }

  async dueFollowUps(now: Date, limit: number): Promise<HrFollowUp[]> {
    return [...this.followUps.values()]
      .filter((f) => f.status === 'scheduled' && f.dueAt <= now)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .slice(0, limit)
      .map(copy);
  }

  async followUpsOf(employeeId: string, kind?: HrFollowUp['kind']): Promise<HrFollowUp[]> {
    return [...this.followUps.values()]
      .filter((f) => f.employeeId === employeeId && f.status === 'scheduled' && (!kind || f.kind === kind))
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
      .map(copy);
  }
}
