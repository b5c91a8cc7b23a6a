import type { ApprovalStageKind } from './access-request.model.js';

export type Criticality = 'low' | 'medium' | 'high' | 'critical';

/** A directory group the policy lets people ask for, outside any resource (a VPN group, an application's role). */
export interface RequestableGroup {
  /** Name, DN or SID, as resources' grants name groups. */
  group: string;
  /** What it gives, in the catalogue's words. */
  description: string;
  owner?: string;
  criticality?: Criticality;
}

/**
 * The policy's `requests` block of Settings (policies/settings/settings.yaml): how requests are decided and for how
 * long access is granted. Every field has a default: a policy without the block gets the defaults below.
 */
export interface RequestSettings {
  /** The approval chain by the resource's criticality; `privileged` for a privileged group (whatever its criticality). */
  approvalChains: Record<Criticality | 'privileged', ApprovalStageKind[]>;
  /** The longest grant one may ask for, in days, by criticality. */
  maxDays: Record<Criticality, number>;
  /** The length asked when none is given, in days (time-bound by default where permanent access is not allowed). */
  defaultDays: number;
  /** The criticalities where permanent access may be asked for. */
  permanentAllowed: Criticality[];
  /** The REQUEST's expiry: undecided this many days after it was made, it expires. */
  decisionDays: number;
  /** A stage waiting this long reminds its approvers (once). */
  reminderHours: number;
  /** A stage waiting this long is escalated to the security officer (once). */
  escalationHours: number;
  /**
   * A request the policy's rules do not allow for the beneficiary: refused with the reason (`refuse`), or sent to the
   * security officer as an exception with that warning (`security-officer`, a last stage added to the chain).
   */
  exceptions: 'refuse' | 'security-officer';
  /** Groups one may ask for outside resources (catalogue ids `group:<group>`, level `member`). */
  groups: RequestableGroup[];
}

export const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
  approvalChains: {
    low: ['manager'],
    medium: ['manager', 'owner'],
    high: ['manager', 'owner'],
    critical: ['manager', 'owner', 'security-officer'],
    privileged: ['manager', 'owner', 'security-officer'],
  },
  maxDays: { low: 365, medium: 365, high: 180, critical: 90 },
  defaultDays: 30,
  permanentAllowed: ['low', 'medium'],
  decisionDays: 14,
  reminderHours: 48,
  escalationHours: 120,
  exceptions: 'refuse',
  groups: [],
};

/** The settings in force: the policy's values over the defaults (field by field; a chain or map given replaces the default's entries it names). */
export function requestSettingsOf(given: DeepPartial<RequestSettings> | undefined): RequestSettings {
  const d = DEFAULT_REQUEST_SETTINGS;
  if (!given) return d;
  return {
    approvalChains: { ...d.approvalChains, ...(given.approvalChains as Partial<RequestSettings['approvalChains']>) },
    maxDays: { ...d.maxDays, ...(given.maxDays as Partial<RequestSettings['maxDays']>) },
    defaultDays: given.defaultDays ?? d.defaultDays,
    permanentAllowed: (given.permanentAllowed as Criticality[] | undefined) ?? d.permanentAllowed,
    decisionDays: given.decisionDays ?? d.decisionDays,
    reminderHours: given.reminderHours ?? d.reminderHours,
    escalationHours: given.escalationHours ?? d.escalationHours,
    exceptions: given.exceptions ?? d.exceptions,
    groups: (given.groups as RequestableGroup[] | undefined) ?? d.groups,
  };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };
