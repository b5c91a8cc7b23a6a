import { AsyncLocalStorage } from 'node:async_hooks';
import type { TrailActor } from './trail-entry.model.js';

/** Who is acting and in which request or job: set once at the edge (HTTP middleware, job, CLI command), read by every record. */
export interface TrailContextValue {
  correlationId?: string;
  actor?: TrailActor;
  sourceAddress?: string;
}

const storage = new AsyncLocalStorage<TrailContextValue>();

export const TrailContext = {
  run<T>(value: TrailContextValue, fn: () => T): T {
    return storage.run({ ...storage.getStore(), ...value }, fn);
  },
  /** Adds to the current context (e.g. the actor once the token is checked) without a new scope. */
  enrich(value: TrailContextValue): void {
    const store = storage.getStore();
    if (store) Object.assign(store, value);
  },
  current(): TrailContextValue {
    return storage.getStore() ?? {};
  },
};
