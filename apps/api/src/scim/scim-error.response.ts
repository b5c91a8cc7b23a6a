import type { Response } from 'express';
import { scimErrorBody, scimStatusOf, scimTypeOf } from '#vigie/application';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** Whether a request is SCIM's: its errors are answered as SCIM errors (RFC 7644 §3.12), not as the API's. */
export function isScimPath(path: string): boolean {
  return /^\/scim(\/|$)/.test(path);
}

/** A SCIM error body with its status, scimType when it has one, and the message as its detail. */
export function sendScimError(res: Response, statusCode: number, detail: string, err: unknown): void {
  const status = scimStatusOf(err) ?? statusCode;
  // A 400 that is no VigieError is a body that is not JSON.
  const scimType = scimTypeOf(err) ?? (status === 400 ? 'invalidSyntax' : null);
  res
    .status(status)
    .type(SCIM_CONTENT_TYPE)
    .send(JSON.stringify(scimErrorBody(status, detail, scimType)));
}
