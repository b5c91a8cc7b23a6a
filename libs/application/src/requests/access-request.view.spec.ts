import type { AccessRequest, CatalogueEntry, Grant } from '#vigie/requests';
import { aDelegation, aGrant, aPersonRef, aStage, anAccessRequest } from '#vigie/requests/testing';
import { accessRequestView, accessRequestsPageView, catalogueEntryView, delegationView } from './access-request.view.js';

const at = (iso: string) => new Date(iso);

/** The grant in place since 3 December, for 30 days. */
const activeGrant = (more: Partial<Grant> = {}): Grant =>
  aGrant({ status: 'active', startsAt: at('2026-12-03T10:00:00.000Z'), endsAt: at('2027-01-02T10:00:00.000Z'), provisioned: 'added', ...more });

/** erin's request once mark (manager) and olga (owner) approved it and the directory confirmed the membership. */
function anApprovedRequest(): AccessRequest {
  const decided = (login: string, when: string) => ({
    ...aStage(login === 'mark' ? 'manager' : 'owner', [aPersonRef(login)], { openedAt: at(when) }),
    decision: { outcome: 'approved' as const, by: aPersonRef(login), onBehalfOf: null, at: at(when), comment: 'ok for the closing' },
  });
  return anAccessRequest({
    status: 'approved',
    stages: [decided('mark', '2026-12-02T08:00:00.000Z'), decided('olga', '2026-12-03T09:59:00.000Z')],
    currentStage: null,
    closedAt: at('2026-12-03T09:59:00.000Z'),
    grant: activeGrant(),
  });
}

describe(accessRequestView.name, () => {
  it("names the request's expiry and the grant's end apart: decideBy as requestExpiresAt, the grant's endsAt under grant", () => {
    const sut = accessRequestView(anApprovedRequest());
    expect(sut.requestExpiresAt).toBe('2026-12-15T09:00:00.000Z');
    expect(sut.grant?.endsAt).toBe('2027-01-02T10:00:00.000Z');
    expect(sut).not.toHaveProperty('decideBy');
    expect(sut.currentStage).toBeNull();
  });

  it('says which stage waits and who may decide it: its approvers, or any security officer for their stage', () => {
    expect(accessRequestView(anAccessRequest()).currentStage).toEqual({
      index: 0,
      kind: 'manager',
      approvers: [aPersonRef('mark').key],
      securityOfficers: false,
      openedAt: '2026-12-01T09:00:00.000Z',
    });
    const note = 'the manager stage goes to the security officer: the directory names no manager for the beneficiary';
    const atOfficer = anAccessRequest({
      stages: [{ ...aStage('security-officer', [], { openedAt: at('2026-12-01T09:00:00.000Z') }), note }],
      policyWarning: 'no access rule lets accounting staff into Finance',
    });
    const view = accessRequestView(atOfficer);
    expect(view.currentStage).toMatchObject({ index: 0, kind: 'security-officer', approvers: [], securityOfficers: true });
    expect(view.stages[0]!.note).toBe(note);
    expect(view.policyWarning).toBe('no access rule lets accounting staff into Finance');
  });

  it('shows no current stage on a request that no longer waits, whatever index was left on it', () => {
    expect(accessRequestView(anAccessRequest({ status: 'expired', currentStage: 1 })).currentStage).toBeNull();
  });

  it('keeps each decision with who took it, for whom, when and why, and leaves mail and employee id out', () => {
    const olga = aPersonRef('olga');
    expect(accessRequestView(anApprovedRequest()).stages[1]!.decision).toEqual({
      outcome: 'approved',
      by: { key: olga.key, directory: 'corp', dn: olga.dn, login: 'olga', name: 'olga' },
      onBehalfOf: null,
      at: '2026-12-03T09:59:00.000Z',
      comment: 'ok for the closing',
    });
    expect(JSON.stringify(accessRequestView(anApprovedRequest()))).not.toMatch(/@acme\.test|"mail"|"employeeId"/);
  });

  it('gives a permanent grant a null end, and a grant not yet confirmed neither start nor end', () => {
    const permanent = { ...anApprovedRequest(), durationDays: null, grant: activeGrant({ durationDays: null, endsAt: null }) };
    expect(accessRequestView(permanent).grant).toMatchObject({ durationDays: null, endsAt: null });
    const provisioning = { ...anApprovedRequest(), grant: activeGrant({ status: 'provisioning', startsAt: null, endsAt: null, provisioned: null }) };
    expect(accessRequestView(provisioning).grant).toMatchObject({ status: 'provisioning', durationDays: 30, startsAt: null, endsAt: null });
  });

  it('shows the membership the request would grant before anyone decides', () => {
    expect(accessRequestView(anAccessRequest()).target).toEqual({
      directory: 'corp',
      groupDn: 'cn=Finance,ou=groups,dc=acme,dc=test',
      memberDn: aPersonRef('erin').dn,
    });
  });
});

describe(accessRequestsPageView.name, () => {
  it('maps every request of the page and passes the cursor on', () => {
    const page = accessRequestsPageView({ items: [anAccessRequest(), anApprovedRequest()], nextCursor: 'abc' });
    expect(page.requests.map((r) => r.status)).toEqual(['pending', 'approved']);
    expect(page.nextCursor).toBe('abc');
  });
});

describe(catalogueEntryView.name, () => {
  it('copies the entry field by field, so that a field the contract gains is not shown before the API documents it', () => {
    const entry: CatalogueEntry = {
      resource: { id: 'share-finance', name: '\\\\fs01\\Finance', type: 'share', criticality: 'high', privileged: false, owner: 'E-olga' },
      level: 'read',
      meaning: 'read the files of \\\\fs01\\Finance',
      allowedByPolicy: true,
      policyReason: 'rule finance-staff allows it',
      exception: false,
      chain: ['manager', 'owner'],
      maxDays: 180,
      defaultDays: 30,
      permanentAllowed: false,
      alreadyHeld: false,
      openRequest: null,
    };
    expect(catalogueEntryView({ ...entry, internal: 'x' } as CatalogueEntry)).toEqual(entry);
  });
});

describe(delegationView.name, () => {
  it('gives the period as instants and the deputy without mail', () => {
    const view = delegationView(aDelegation(aPersonRef('mark'), aPersonRef('lea'), at('2026-12-20T00:00:00.000Z'), at('2027-01-04T23:59:59.999Z')));
    expect(view).toMatchObject({ from: '2026-12-20T00:00:00.000Z', until: '2027-01-04T23:59:59.999Z', deputy: { login: 'lea' }, revokedAt: null });
    expect(view.deputy).not.toHaveProperty('mail');
  });
});
