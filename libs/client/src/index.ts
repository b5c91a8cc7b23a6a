import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './openapi.js';

export type { components, operations, paths } from './openapi.js';

/** A schema of the API by its name in the OpenAPI document: `Schema<'FindingsPage'>`, `Schema<'ErrorBody'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

export type VigieClient = Client<paths>;

export interface VigieClientOptions {
  /** Where the API is served, e.g. `https://vigie.example.org` (the paths start with /api, /health, /metrics). */
  baseUrl: string;
  /** An API token (vig_…) from `vigie token create`; only /health answers without one. */
  token?: string;
  /** Another fetch than the global one (a proxy, a test). */
  fetch?: ClientOptions['fetch'];
}

/**
 * A typed client of Vigie's API, generated from docs/openapi.json: paths, parameters, bodies and responses are
 * checked by TypeScript, e.g. `const { data, error } = await vigie.GET('/api/findings', { params: { query: { severity: 'critical' } } })`.
 */
export function createVigieClient({ baseUrl, token, fetch }: VigieClientOptions): VigieClient {
  return createClient<paths>({ baseUrl, ...(token ? { headers: { Authorization: `Bearer ${token}` } } : {}), ...(fetch ? { fetch } : {}) });
}
