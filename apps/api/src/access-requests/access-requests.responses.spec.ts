import type { AccessRequest, Grant } from '#vigie/requests';
import { aDelegation, aGrant, aPersonRef, aStage, anAccessRequest } from '#vigie/requests/testing';
import { openApiSchema } from '../openapi/zod-openapi.js';
import {
  AccessRequestSchema,
  AccessRequestsPageSchema,
  CatalogueSchema,
  DelegationSchema,
  toAccessRequestResponse,
  toAccessRequestsPageResponse,
  toCatalogueResponse,
  toDelegationResponse,
} from './access-requests.responses.js';

const at = (iso: string) => new Date(iso);
/** The grant in place since 3 December, for 30 days. */
const grant = (more: Partial<Grant> = {}): Grant =>
  aGrant({ status: 'active', startsAt: at('2026-12-03T10:00:00.000Z'), endsAt: at('2027-01-02T10:00:00.000Z'), provisioned: 'added', ...more });
const approved = (g: Grant, more: Partial<AccessRequest> = {}): AccessRequest => {
  const stage = { ...aStage('manager', [aPersonRef('mark')], { openedAt: at('2026-12-01T09:00:00.000Z') }) };
  const decision = {
    outcome: 'approved' as const,
    by: aPersonRef('lea'),
    onBehalfOf: aPersonRef('mark').key,
    at: at('2026-12-03T09:59:00.000Z'),
    comment: 'ok',
  };
  return anAccessRequest({ status: 'approved', stages: [{ ...stage, decision }], currentStage: null, closedAt: decision.at, grant: g, ...more });
};

/** Every answer the mappers give is one its documented schema accepts, strictly (a field the schema does not name fails). */
describe('the access request responses', () => {
  const requests: Record<string, AccessRequest> = {
    pending: anAccessRequest(),
    'approved by a deputy, its grant running': approved(grant()),
    'at the security officer, with a policy warning and a note': anAccessRequest({
      stages: [{ ...aStage('security-officer', [], { openedAt: at('2026-12-01T09:00:00.000Z') }), note: 'the owner has no account' }],
      policyWarning: 'no access rule lets accounting staff into Finance',
    }),
    'permanent, still provisioning': approved(grant({ status: 'provisioning', durationDays: null, startsAt: null, endsAt: null, provisioned: null }), {
      durationDays: null,
    }),
    'revoked by the owner': approved(
      grant({
        status: 'ended',
        endReason: 'revoked',
        revokedBy: aPersonRef('olga').key,
        revokeReason: 'left the project',
        endedAt: at('2026-12-10T00:00:00Z'),
      }),
    ),
    rejected: anAccessRequest({ status: 'rejected', currentStage: null, closedAt: at('2026-12-02T00:00:00Z') }),
  };

  it.each(Object.entries(requests))('documents a request %s as it is answered', (_, request) => {
    expect(AccessRequestSchema.safeParse(toAccessRequestResponse(request)).error).toBeUndefined();
  });

  it("answers the request's expiry and the grant's end as two fields, each described as which expiry it is", () => {
    const answer = toAccessRequestResponse(approved(grant()));
    expect([answer.requestExpiresAt, answer.grant?.endsAt]).toEqual(['2026-12-15T09:00:00.000Z', '2027-01-02T10:00:00.000Z']);
    expect(AccessRequestSchema.shape.requestExpiresAt.description).toMatch(/^THE REQUEST'S EXPIRY/);
    expect(JSON.stringify(openApiSchema(AccessRequestSchema.shape.grant, 'output'))).toMatch(/"endsAt":\{[^}]*"description":"THE GRANT'S EXPIRY/);
  });

  it('documents a page of requests, the catalogue and a delegation as they are answered', () => {
    expect(AccessRequestsPageSchema.safeParse(toAccessRequestsPageResponse({ items: Object.values(requests), nextCursor: 'next' })).error).toBeUndefined();
    const entry = {
      resource: { id: 'group:vpn', name: 'VPN', type: 'group', criticality: 'low' as const, privileged: false, owner: null },
      level: 'member',
      meaning: 'connect to the VPN',
      allowedByPolicy: false,
      policyReason: 'no access rule gives contractors the VPN',
      exception: true,
      chain: ['manager' as const, 'security-officer' as const],
      maxDays: 365,
      defaultDays: null,
      permanentAllowed: true,
      alreadyHeld: false,
      openRequest: null,
    };
    const catalogue = toCatalogueResponse([entry, { ...entry, level: 'admin', defaultDays: 30 }]);
    expect(CatalogueSchema.safeParse(catalogue).error).toBeUndefined();
    expect(catalogue.entries.map((e) => e.level)).toEqual(['member', 'admin']);
    const delegation = aDelegation(aPersonRef('mark'), aPersonRef('lea'), at('2026-12-20T00:00:00Z'), at('2027-01-04T23:59:59.999Z'));
    expect(DelegationSchema.safeParse(toDelegationResponse(delegation)).error).toBeUndefined();
  });
});
