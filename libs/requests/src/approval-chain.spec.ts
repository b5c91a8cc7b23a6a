import { approvalChainFor, planStages } from './approval-chain.js';
import { DEFAULT_REQUEST_SETTINGS } from './request-settings.js';

describe(approvalChainFor.name, () => {
  const settings = DEFAULT_REQUEST_SETTINGS;

  it("follows the resource's criticality", () => {
    expect(approvalChainFor({ criticality: 'low', privileged: false }, settings)).toEqual(['manager']);
    expect(approvalChainFor({ criticality: 'critical', privileged: false }, settings)).toEqual(['manager', 'owner', 'security-officer']);
  });

  it('takes the privileged chain for a privileged group, whatever its criticality', () => {
    const chains = { ...settings.approvalChains, privileged: ['security-officer' as const] };
    expect(approvalChainFor({ criticality: 'low', privileged: true }, { approvalChains: chains })).toEqual(['security-officer']);
  });

  it('ends an exception to the access rules with the security officer, once', () => {
    expect(approvalChainFor({ criticality: 'medium', privileged: false }, settings, true)).toEqual(['manager', 'owner', 'security-officer']);
    expect(approvalChainFor({ criticality: 'critical', privileged: false }, settings, true)).toEqual(['manager', 'owner', 'security-officer']);
  });
});

describe(planStages.name, () => {
  const people = { manager: 'corp:uid=mark', owners: ['corp:uid=olga', 'ad:cn=olga'], excluded: ['corp:uid=erin'] };

  it('names the manager and the owner accounts as approvers; anyone holding the role decides the security-officer stage', () => {
    expect(planStages(['manager', 'owner', 'security-officer'], people)).toEqual([
      { kind: 'manager', approvers: ['corp:uid=mark'] },
      { kind: 'owner', approvers: ['corp:uid=olga', 'ad:cn=olga'] },
      { kind: 'security-officer', approvers: [] },
    ]);
  });

  it('turns a stage without approvers over to the security officer, saying why, instead of skipping it', () => {
    expect(planStages(['manager', 'owner'], { ...people, manager: null })).toEqual([
      { kind: 'security-officer', approvers: [], note: expect.stringContaining('names no manager') },
      { kind: 'owner', approvers: ['corp:uid=olga', 'ad:cn=olga'] },
    ]);
    expect(planStages(['owner'], { ...people, owners: [] })).toEqual([
      { kind: 'security-officer', approvers: [], note: expect.stringContaining('owner has no account') },
    ]);
  });

  it('never lets the requester decide: a manager asking for their report leaves that stage to the security officer', () => {
    const stages = planStages(['manager', 'owner', 'security-officer'], { ...people, excluded: ['corp:uid=mark'] });
    expect(stages.map((s) => s.kind)).toEqual(['owner', 'security-officer']);
    expect(stages[1].note).toMatch(/the manager asked/);
  });

  it('keeps the approvers who may decide when the owner has another account among them', () => {
    expect(planStages(['owner'], { ...people, excluded: ['corp:uid=olga'] })).toEqual([{ kind: 'owner', approvers: ['ad:cn=olga'] }]);
  });
});
