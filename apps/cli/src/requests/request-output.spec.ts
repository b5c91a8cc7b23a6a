import { accessRequestView } from '#vigie/application';
import type { AccessRequest, Grant } from '#vigie/requests';
import { aGrant, aPersonRef, aStage, anAccessRequest } from '#vigie/requests/testing';
import { formatCatalogueTable, formatRequest, grantEnd, requestExpiry } from './request-output.js';

const at = (iso: string) => new Date(iso);
/** The grant in place since 3 December, for 30 days. */
const grant = (more: Partial<Grant> = {}): Grant =>
  aGrant({ status: 'active', startsAt: at('2026-12-03T10:00:00Z'), endsAt: at('2027-01-02T10:00:00Z'), provisioned: 'added', ...more });
const approved = (g: Grant, more: Partial<AccessRequest> = {}) => {
  const decision = { outcome: 'approved' as const, by: aPersonRef('lea'), onBehalfOf: aPersonRef('mark').key, at: at('2026-12-03T09:59:00Z'), comment: 'ok' };
  return accessRequestView(
    anAccessRequest({
      status: 'approved',
      stages: [{ ...aStage('manager', [aPersonRef('mark')]), decision }],
      currentStage: null,
      closedAt: decision.at,
      grant: g,
      ...more,
    }),
  );
};

describe('the two expiries, as the tables show them', () => {
  it("gives the request's expiry only while it waits: a decided request no longer expires", () => {
    expect(requestExpiry(accessRequestView(anAccessRequest()))).toBe('2026-12-15T09:00Z');
    expect(requestExpiry(approved(grant({})))).toBe('-');
  });

  it("gives the grant's end once known, permanent, or what was asked while nothing is granted", () => {
    expect(grantEnd(approved(grant({})))).toBe('2027-01-02T10:00Z');
    expect(grantEnd(approved(grant({ durationDays: null, endsAt: null }), { durationDays: null }))).toBe('permanent');
    expect(grantEnd(approved(grant({ status: 'provisioning', startsAt: null, endsAt: null })))).toBe('30 days after provisioning');
    expect(grantEnd(accessRequestView(anAccessRequest()))).toBe('30 days (asked)');
    expect(grantEnd(accessRequestView(anAccessRequest({ durationDays: null })))).toBe('permanent (asked)');
    expect(grantEnd(accessRequestView(anAccessRequest({ status: 'rejected', currentStage: null })))).toBe('-');
  });
});

describe(formatRequest.name, () => {
  it('shows a waiting request: its expiry, the warning, and who decides the stage that waits', () => {
    const text = formatRequest(
      accessRequestView(
        anAccessRequest({
          stages: [{ ...aStage('security-officer', [], { openedAt: at('2026-12-01T09:00:00Z') }), note: 'the directory names no manager' }],
          policyWarning: 'no access rule lets accounting staff into Finance',
        }),
      ),
    );
    expect(text).toMatch(/^ {2}request expires {2}2026-12-15T09:00Z \(undecided by then, it expires and nothing is granted\)$/m);
    expect(text).toMatch(/^ {2}grant {12}not yet \(every stage must approve\)$/m);
    expect(text).toMatch(/^ {2}POLICY WARNING {3}no access rule lets accounting staff into Finance$/m);
    expect(text).toMatch(
      /1\. security-officer {1}WAITING since 2026-12-01T09:00Z, decided by any security officer \(as a person\) \(the directory names no manager\)/,
    );
  });

  it("shows a granted request: closed, the grant's end, and each decision with the deputy's principal", () => {
    const text = formatRequest(approved(grant({})));
    expect(text).toMatch(/^ {2}request closed {3}2026-12-03T09:59Z$/m);
    expect(text).toMatch(/^ {2}grant {12}active, since 2026-12-03T10:00Z, ends 2027-01-02T10:00Z$/m);
    expect(text).toMatch(/1\. manager {10}approved by lea for corp:uid=mark,ou=people,dc=acme,dc=test at 2026-12-03T09:59Z: ok/);
    expect(text).not.toMatch(/request expires/);
  });
});

describe(formatCatalogueTable.name, () => {
  it('says for each entry whether the policy allows it, who decides and for how long', () => {
    const text = formatCatalogueTable([
      {
        resource: { id: 'group:vpn', name: 'VPN', type: 'group', criticality: 'low', privileged: false, owner: null },
        level: 'member',
        meaning: 'connect to the VPN',
        allowedByPolicy: false,
        policyReason: 'no rule gives contractors the VPN',
        exception: true,
        chain: ['manager', 'security-officer'],
        maxDays: 365,
        defaultDays: 30,
        permanentAllowed: true,
        alreadyHeld: false,
        openRequest: null,
      },
    ]);
    expect(text.split('\n')[1]!.split(/\s{2,}/)).toEqual([
      'group:vpn',
      'member',
      'low',
      'exception',
      'manager > security-officer',
      '30 (max 365, or permanent)',
      '-',
      'connect to the VPN',
    ]);
  });
});
