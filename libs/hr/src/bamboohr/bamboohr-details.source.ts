import { VigieError } from '#vigie/common';
import type { HrEventSource, HrPersonData } from '../events/hr-event.model.js';
import { HrDetailsSource } from '../ports/hr-details.source.js';
import { BAMBOOHR_FIELDS, bambooHrValuesOf, hrPersonOfBambooHr } from './bamboohr-fields.js';

export interface BambooHrApiSettings {
  /** The company's BambooHR subdomain (acme for acme.bamboohr.com). */
  companyDomain: string;
  apiKey: string;
  /** https://api.bamboohr.com; a local stand-in in tests. */
  apiUrl: string;
  timeoutMs: number;
}

/**
 * The person as BambooHR holds them now, for a notification that carried only the employee id: "Get Employee"
 * (https://documentation.bamboohr.com/reference/get-employee), GET {apiUrl}/api/gateway.php/{companyDomain}/v1/
 * employees/{id}/?fields=…, HTTP Basic with the API key as user name and "x" as password
 * (https://documentation.bamboohr.com/docs/getting-started#authentication). What BambooHR answers maps to VigieError kinds
 * the worker acts on: 401/403 'configuration' (the key is wrong or may not read these fields: an operator must act),
 * 404 'not-found', a timeout, a network error, 429 or 5xx 'unavailable' (tried again later).
 */
export class BambooHrDetailsSource extends HrDetailsSource {
  constructor(private readonly settings: BambooHrApiSettings) {
    super();
  }

  async fetch(source: HrEventSource, employeeId: string): Promise<HrPersonData> {
    if (source !== 'bamboohr') throw new VigieError('configuration', `Vigie fetches details from BambooHR only, not for events of source "${source}"`);
    if (!/^\d{1,20}$/.test(employeeId)) throw new VigieError('not-found', `"${employeeId.slice(0, 40)}" is not a BambooHR employee id (digits)`);
    const { companyDomain, apiKey, apiUrl, timeoutMs } = this.settings;
    const url = `${apiUrl.replace(/\/+$/, '')}/api/gateway.php/${encodeURIComponent(companyDomain)}/v1/employees/${employeeId}/?fields=${BAMBOOHR_FIELDS.join(',')}`;
    let res: Response;
    try {
      res = await fetch(url, {
        headers: { authorization: `Basic ${Buffer.from(`${apiKey}:x`).toString('base64')}`, accept: 'application/json', 'user-agent': 'vigie' },
        signal: AbortSignal.timeout(timeoutMs),
        // The key rides on every request: never to wherever a redirect points.
        redirect: 'error',
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      throw new VigieError(
        'unavailable',
        `BambooHR's API ${timedOut ? `did not answer within ${timeoutMs} ms` : 'cannot be reached'} (${new URL(apiUrl).host})`,
        {
          cause: err,
        },
      );
    }
    if (!res.ok) throw errorOf(res.status, employeeId, companyDomain);
    let body: unknown;
    try {
      body = await res.json();
    } catch (err) {
      throw new VigieError('unavailable', `BambooHR's API answered ${res.status} with a body that is not JSON`, { cause: err });
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw new VigieError('unavailable', "BambooHR's API answered an employee that is not an object");
    return hrPersonOfBambooHr(employeeId, bambooHrValuesOf(body as Record<string, unknown>));
  }
}

function errorOf(status: number, employeeId: string, companyDomain: string): VigieError {
  if (status === 401 || status === 403) {
    return new VigieError(
      'configuration',
      `BambooHR's API refused the API key (${status}): check hr.bamboohr.apiKeyEnv, the company domain "${companyDomain}", and that the key's user may read the employee fields`,
    );
  }
  if (status === 404) return new VigieError('not-found', `BambooHR knows no employee ${employeeId} in "${companyDomain}"`);
  return new VigieError('unavailable', `BambooHR's API answered ${status}: it will be tried again`);
}
