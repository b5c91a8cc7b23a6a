import { VigieError } from '#vigie/common';
import type { AccessRequest, ApprovalStage, PersonRef, RequestTarget } from './access-request.model.js';
import { approvalChainFor, planStages } from './approval-chain.js';
import { durationLimits, type RequestableItem } from './catalogue.js';
import type { RequestSettings } from './request-settings.js';

const DAY_MS = 86_400_000;

/** What a new request is made of, once the caller has found the people in the directories. */
export interface NewRequestFacts {
  id: string;
  now: Date;
  requester: PersonRef;
  beneficiary: PersonRef;
  /** Person key of the beneficiary's manager (their account's manager, in the same directory); null when none. */
  beneficiaryManager: string | null;
  item: RequestableItem;
  /** Person keys of the accounts carrying the owner's employee id. */
  resourceOwners: string[];
  /** The DN of a group, as the policy names it, in the beneficiary's directory; null when the directory has none. */
  groupDnOf: (group: string) => string | null;
  justification: string;
  days?: number;
  permanent?: boolean;
  settings: RequestSettings;
  policyVersion: string;
  /** Set when the access rules do not allow it and the policy sends it to the security officer as an exception. */
  policyWarning: string | null;
}

/**
 * A new, pending access request: the length of the grant checked against the policy, the chain's stages with their
 * approvers (the first one open from now), the REQUEST's expiry (decideBy, not the grant's end) and the membership an
 * approval would give. Refuses, with what to do, what the policy does not let anyone ask for.
 */
export function newAccessRequest(f: NewRequestFacts): AccessRequest {
  const { item, settings, now } = f;
  const durationDays = grantLength(f);
  const target = targetOf(f);
  const chain = approvalChainFor(item.resource, settings, f.policyWarning !== null);
  const planned = planStages(chain, { manager: f.beneficiaryManager, owners: f.resourceOwners, excluded: [f.requester.key, f.beneficiary.key] });
  const stages: ApprovalStage[] = planned.map((stage, i) => ({
    ...stage,
    decision: null,
    openedAt: i === 0 ? now : null,
    remindedAt: null,
    escalatedAt: null,
  }));
  return {
    id: f.id,
    requester: f.requester,
    beneficiary: f.beneficiary,
    beneficiaryManager: f.beneficiaryManager,
    resource: item.resource,
    resourceOwners: f.resourceOwners,
    level: item.level,
    target,
    justification: f.justification,
    durationDays,
    policyWarning: f.policyWarning,
    policyVersion: f.policyVersion,
    status: 'pending',
    stages,
    currentStage: 0,
    createdAt: now,
    decideBy: new Date(now.getTime() + settings.decisionDays * DAY_MS),
    closedAt: null,
    grant: null,
    version: 1,
  };
}

/** The grant's length in days (null: permanent): what was asked, or the policy's default, within its limits. */
function grantLength({ item, settings, days, permanent }: NewRequestFacts): number | null {
  const { criticality, name } = item.resource;
  const limits = durationLimits(criticality, settings);
  if (permanent) {
    if (limits.permanentAllowed) return null;
    const where = settings.permanentAllowed.length ? `only to ${settings.permanentAllowed.join(' and ')} resources` : 'to no resource';
    throw new VigieError(
      'invalid-input',
      `permanent access to ${name} (${criticality}) cannot be asked for: the policy grants permanent access ${where}; ask for a number of days, at most ${limits.maxDays}`,
    );
  }
  if (days === undefined) return limits.defaultDays;
  if (days > limits.maxDays) {
    throw new VigieError('invalid-input', `${days} days is longer than the policy allows for ${name} (${criticality}): ask for at most ${limits.maxDays} days`);
  }
  return days;
}

/** The first granting group the beneficiary's directory has: the membership an approval gives. */
function targetOf({ item, beneficiary, groupDnOf }: NewRequestFacts): RequestTarget {
  for (const group of item.groups) {
    const groupDn = groupDnOf(group);
    if (groupDn) return { directory: beneficiary.directory, groupDn, memberDn: beneficiary.dn };
  }
  throw new VigieError(
    'conflict',
    `${item.resource.name} (${item.level}) cannot be granted in directory ${beneficiary.directory}: none of its groups (${item.groups.join(', ')}) is there; ask for it with an account of a directory that has them, or have the policy name this directory's group`,
  );
}
