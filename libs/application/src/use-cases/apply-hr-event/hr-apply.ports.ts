import type { DirectoryWriter } from '#vigie/directory';
import type { HrDetailsSource, HrSettings } from '#vigie/hr';

/** What the worker writes to the directory for HR events. */
export type HrDirectoryWriter = Pick<
  DirectoryWriter,
  | 'addMember'
  | 'removeMember'
  | 'isMember'
  | 'createAccount'
  | 'disableAccount'
  | 'enableAccount'
  | 'moveAccount'
  | 'setPassword'
  | 'deleteAccount'
  | 'findAccount'
  | 'findAccountByEmployeeId'
  | 'updateAccount'
  | 'listGroupsOf'
>;

/** The identity attributes a birthright rule tests, from the person's HR data. */
export interface HrIdentity {
  employeeId: string;
  login: string | null;
  department: string | null;
  title: string | null;
  employeeType: string | null;
  location: string | null;
  manager: string | null;
  directory: string;
}

/**
 * The policy in force as the worker needs it for one event: the HR settings (OUs, grace, retention), and the group DNs
 * the birthright rules give an identity in the target directory (references resolved; those no directory entry matches
 * are named apart, so that the trail says so).
 */
export interface HrWorld {
  settings: HrSettings;
  birthrightGroups(identity: HrIdentity): Promise<{ dns: string[]; unresolved: string[] }>;
}

/** Hands a generated password to whoever gives it to the joiner; it is never kept, logged nor written elsewhere. */
export interface PasswordDelivery {
  /** 'none' when the configuration delivers nothing (the IT desk resets it); the channel used otherwise. */
  deliver(to: { login: string; displayName: string; managerMail: string | null }, password: string): Promise<'manager-mail' | 'mail' | 'none'>;
}

/** The configuration's part that the worker reads (config hr.*). */
export interface ApplyHrConfig {
  directory: string | undefined;
  loginPattern: string;
  loginMaxLength: number;
  mailDomain?: string;
  retries: { limit: number; delaySeconds: number };
  /** config scheduler.timezone: where a fetched start or end day begins (a notification rescheduled to it). */
  timeZone?: string;
}

export interface ApplyHrSources {
  directory: HrDirectoryWriter;
  world: () => Promise<HrWorld>;
  delivery: PasswordDelivery;
  /** Absent until an HR vendor's API is configured: a notification-only event is then dead, with that reason. */
  details?: HrDetailsSource;
  /** The ids of the approved access requests still granted to an account (kept on a move, flagged for review). */
  approvedRequestsOf?: (directory: string, memberDn: string) => Promise<string[]>;
}
