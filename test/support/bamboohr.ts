import { bambooHrHeaders } from '#vigie/hr/testing';

/** The keys the company API is started with (hr.bamboohr): the webhook's private key, and an API key no test uses. */
export const BAMBOOHR_WEBHOOK_KEY = 'test-bamboohr-webhook-private-key';
export const BAMBOOHR_ENV = { VIGIE_BAMBOOHR_API_KEY: 'test-bamboohr-api-key', VIGIE_BAMBOOHR_WEBHOOK_KEY: BAMBOOHR_WEBHOOK_KEY };
/** hr.bamboohr of a test: its API on a port where nothing listens, unless a test plays it. */
export const BAMBOOHR_CONFIG = { companyDomain: 'acme', apiUrl: 'http://127.0.0.1:9' };

/** The headers BambooHR sends with a body: X-BambooHR-Timestamp (Unix seconds, now unless told) and X-BambooHR-Signature. */
export function bambooHrWebhookHeaders(body: string | Buffer, options: { key?: string; at?: number } = {}): Record<string, string> {
  return bambooHrHeaders(body, options.key ?? BAMBOOHR_WEBHOOK_KEY, String(options.at ?? Math.floor(Date.now() / 1000)));
}
