import { type ErrorKind, VigieError } from '#vigie/common';

/** RFC 7644 §3.12's detail error keywords. */
export type ScimType =
  'uniqueness' | 'tooMany' | 'invalidFilter' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive';

/**
 * A VigieError that also says which SCIM error keyword a SCIM client gets (`scimType`), and the status when its kind's
 * is not SCIM's (413 for too many Bulk operations).
 */
export class ScimError extends VigieError {
  status?: number;

  constructor(
    kind: ErrorKind,
    readonly scimType: ScimType | null,
    message: string,
  ) {
    super(kind, message);
  }
}

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A SCIM error body (RFC 7644 §3.12): status as a string, as the RFC's examples write it. */
export interface ScimErrorBody {
  schemas: [typeof SCIM_ERROR_SCHEMA];
  status: string;
  scimType?: ScimType;
  detail: string;
}

export function scimErrorBody(status: number, detail: string, scimType: ScimType | null = null): ScimErrorBody {
  return { schemas: [SCIM_ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

/** The scimType an error carries (a ScimError's), or the one its kind implies for a SCIM client. */
export function scimTypeOf(err: unknown): ScimType | null {
  if (err instanceof ScimError) return err.scimType;
  if (err instanceof VigieError && err.kind === 'invalid-input') return 'invalidValue';
  return null;
}

/** The status SCIM gives an error whose kind's is not SCIM's (413 for too many Bulk operations); null otherwise. */
export function scimStatusOf(err: unknown): number | null {
  return err instanceof ScimError && err.status ? err.status : null;
}
