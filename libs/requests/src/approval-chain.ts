import type { ApprovalStage, ApprovalStageKind, RequestedResource } from './access-request.model.js';
import type { RequestSettings } from './request-settings.js';

/**
 * Who decides, in order, for a resource: the policy's chain for a privileged group, else for the resource's
 * criticality. A request the access rules do not allow, sent on as an exception, ends with the security officer.
 */
export function approvalChainFor(
  resource: Pick<RequestedResource, 'criticality' | 'privileged'>,
  settings: Pick<RequestSettings, 'approvalChains'>,
  policyException = false,
): ApprovalStageKind[] {
  const chain = [...settings.approvalChains[resource.privileged ? 'privileged' : resource.criticality]];
  if (policyException && !chain.includes('security-officer')) chain.push('security-officer');
  return chain;
}

/** The people a chain's stages name: person keys; the requester and beneficiary never decide (see staff abilities). */
export interface ChainPeople {
  /** The beneficiary's manager, or null when the directory names none (or it has no account). */
  manager: string | null;
  /** The accounts of the resource's owner. */
  owners: string[];
  /** Who may not decide: the requester and the beneficiary. */
  excluded: string[];
}

export type PlannedStage = Pick<ApprovalStage, 'kind' | 'approvers' | 'note'>;

/**
 * The stages of a chain with their approvers. A manager or owner stage nobody can decide (no manager, an owner without
 * an account, or only the requester or beneficiary, who may not decide their own request) is not skipped: the
 * security officer decides it, and the stage says why. The security officer decides once: a stage turned over to them
 * joins the chain's own security-officer stage (the last one, so that they see the other decisions first).
 */
export function planStages(chain: readonly ApprovalStageKind[], people: ChainPeople): PlannedStage[] {
  const planned: PlannedStage[] = chain.map((kind) => {
    if (kind === 'security-officer') return { kind, approvers: [] };
    const named = kind === 'manager' ? (people.manager ? [people.manager] : []) : people.owners;
    const approvers = [...new Set(named)].filter((key) => !people.excluded.includes(key));
    if (approvers.length) return { kind, approvers };
    return { kind: 'security-officer', approvers: [], note: missingApprover(kind, named.length > 0) };
  });
  const last = planned.map((s) => s.kind).lastIndexOf('security-officer');
  if (last < 0) return planned;
  const notes = planned.filter((s) => s.kind === 'security-officer' && s.note).map((s) => s.note!);
  const stages = planned.filter((s, i) => s.kind !== 'security-officer' || i === last);
  const merged = stages.find((s) => s.kind === 'security-officer')!;
  if (notes.length) merged.note = notes.join('; ');
  else delete merged.note;
  return stages;
}

function missingApprover(kind: Exclude<ApprovalStageKind, 'security-officer'>, onlyExcluded: boolean): string {
  if (onlyExcluded) {
    return kind === 'manager'
      ? 'the manager stage goes to the security officer: the manager asked, and nobody decides their own request'
      : 'the owner stage goes to the security officer: the owner is the requester or the beneficiary';
  }
  return kind === 'manager'
    ? 'the manager stage goes to the security officer: the directory names no manager for the beneficiary'
    : "the owner stage goes to the security officer: the resource's owner has no account in the directories";
}
