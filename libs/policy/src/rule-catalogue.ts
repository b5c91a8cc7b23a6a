import type { Severity } from './policy-vocabulary.js';

// The audit rule catalogue as far as the policy format is concerned: the stable ids a Settings file may override, and
// the parameters each rule takes. The rules themselves live in the audit library; this list is the contract between
// the two, so a misspelt rule id or parameter in a policy fails validation instead of silently overriding nothing.

/**
 * days, hours, minutes: a whole number of them; count: a whole number; percent: 0 to 100; severity: one of the finding
 * severities; words: a list of words or phrases; switch: true or false.
 */
export type RuleParameterKind = 'days' | 'hours' | 'minutes' | 'count' | 'percent' | 'severity' | 'words' | 'switch';

export interface NumericRuleParameter {
  kind: 'days' | 'hours' | 'minutes' | 'count' | 'percent';
  default: number;
  description: string;
}

/** A severity a rule gives one kind of its findings (G-LEAVER's disabled leavers), below the rule's own. */
export interface SeverityRuleParameter {
  kind: 'severity';
  default: Severity;
  description: string;
}

/** A list the policy replaces as a whole (the default is shown in the JSON Schema, so editors list it). */
export interface WordsRuleParameter {
  kind: 'words';
  default: readonly string[];
  description: string;
}

/** A yes or no that widens or narrows what a rule looks at (G-MISSING-BIRTHRIGHT's external people). */
export interface SwitchRuleParameter {
  kind: 'switch';
  default: boolean;
  description: string;
}

export type RuleParameter = NumericRuleParameter | SeverityRuleParameter | WordsRuleParameter | SwitchRuleParameter;

export interface CatalogueRule<Parameters extends Record<string, RuleParameter> = Record<string, RuleParameter>> {
  title: string;
  defaultSeverity: Severity;
  /** Rule-specific parameters, each with its one default; every rule also takes `enabled` and `severity`. */
  parameters: Readonly<Parameters>;
}

const days = (value: number, description: string): NumericRuleParameter => ({ kind: 'days', default: value, description });
const hours = (value: number, description: string): NumericRuleParameter => ({ kind: 'hours', default: value, description });
const minutes = (value: number, description: string): NumericRuleParameter => ({ kind: 'minutes', default: value, description });
const count = (value: number, description: string): NumericRuleParameter => ({ kind: 'count', default: value, description });
const percent = (value: number, description: string): NumericRuleParameter => ({ kind: 'percent', default: value, description });
const severity = (value: Severity, description: string): SeverityRuleParameter => ({ kind: 'severity', default: value, description });
const words = (value: readonly string[], description: string): WordsRuleParameter => ({ kind: 'words', default: value, description });
const onOff = (value: boolean, description: string): SwitchRuleParameter => ({ kind: 'switch', default: value, description });
// The parameter names and kinds stay in the type, so that a rule reading a parameter its entry does not declare, or
// reading a list as a number, fails to compile; a severity parameter reads as a Severity.
const rule = <Parameters extends Record<string, RuleParameter> = Record<never, RuleParameter>>(
  title: string,
  defaultSeverity: Severity,
  parameters = {} as Parameters,
): CatalogueRule<Parameters> => ({ title, defaultSeverity, parameters });

/**
 * Protected accounts (settings `protectedAccounts`: break-glass and other accounts that must stay as they are) are
 * exempt from the rules whose remedy would be to disable them, expire their password or remove them: these, unless
 * an entry names its own `exemptFrom`. Every other rule still reports them: a protected account in the wrong group
 * is still a finding.
 */
export const PROTECTED_ACCOUNT_EXEMPTIONS = [
  'H-INACTIVE-USER',
  'H-INACTIVE-ADMIN',
  'H-PWD-NEVER-EXPIRES',
  'H-PRIV-NEVER-EXPIRES',
  'H-ADMIN-PWD-OLD',
  'G-ORPHAN',
] as const;

const CATALOGUE = {
  'H-INACTIVE-USER': rule('Enabled user with no activity', 'medium', {
    thresholdDays: days(180, 'Days without activity before the account is reported.'),
    highAfterDays: days(365, 'Days without activity after which the finding is high.'),
  }),
  'H-INACTIVE-ADMIN': rule('Privileged enabled account inactive', 'high', { thresholdDays: days(90, 'Days without activity.') }),
  'H-INACTIVE-COMPUTER': rule('Enabled computer not seen', 'medium', { thresholdDays: days(180, 'Days without activity.') }),
  'H-PWD-NEVER-EXPIRES': rule('Password never expires on an enabled account', 'medium'),
  'H-PRIV-NEVER-EXPIRES': rule('Privileged account whose password never expires', 'critical'),
  'H-PWD-NOT-REQUIRED': rule('Password not required', 'high'),
  'H-REVERSIBLE': rule('Reversible password encryption', 'medium'),
  'H-ASREP': rule('Kerberos pre-authentication not required', 'high'),
  'H-DES': rule('DES Kerberos encryption enabled', 'high'),
  'H-KERBEROAST-ADMIN': rule('Privileged account with a service principal name and an old password', 'critical', {
    thresholdDays: days(40, 'Password age in days.'),
  }),
  'H-ADMIN-PWD-OLD': rule('Privileged account with an old password', 'high', { thresholdDays: days(1095, 'Password age in days.') }),
  'H-TOO-MANY-ADMINS': rule('Too many privileged accounts', 'high', {
    maxPrivileged: count(50, 'Privileged members allowed.'),
    maxPercent: percent(10, 'Share of active users that may be privileged.'),
    minUsers: count(100, 'The percentage applies to domains with more active users than this.'),
  }),
  'H-ADMINCOUNT-MISMATCH': rule('adminCount does not match privileged membership', 'medium'),
  'H-ADMIN-DELEGABLE': rule('Privileged account that can be delegated', 'medium'),
  'H-UNCONSTRAINED': rule('Unconstrained delegation on a non-DC', 'high'),
  'H-KRBTGT': rule('krbtgt password too old', 'high', { thresholdDays: days(366, 'Password age in days.') }),
  'H-SCHEMA-ADMINS': rule('Schema Admins not empty', 'medium'),
  'H-OPERATORS': rule('Members in the operators groups', 'medium'),
  'H-GUEST': rule('Guest account enabled', 'high'),
  'H-PRIMARYGROUP': rule('Unusual primary group', 'high'),
  'H-SIDHISTORY': rule('sIDHistory set', 'high'),
  'H-OBSOLETE-OS': rule('Computer on an unsupported operating system', 'high', {
    systems: words(
      [
        'Windows NT',
        'Windows 2000',
        'Windows XP',
        'Windows Vista',
        'Windows 7',
        'Windows 8',
        'Windows 8.1',
        'Server 2003',
        'Server 2008',
        'Server 2011',
        'Server 2012',
      ],
      'Unsupported systems, each a phrase found between word boundaries in operatingSystem (case, ® and ™ aside; "CentOS 7" matches "CentOS 7.9"). Replaces the default list.',
    ),
  }),
  'H-LAPS': rule('Computer without LAPS', 'medium'),
  'H-COMPUTER-PWD-AGE': rule('Machine password too old', 'medium', { thresholdDays: days(90, 'Password age in days.') }),
  'H-PWD-IN-DESCRIPTION': rule('Password written in description or info', 'high', {
    keywords: words(
      ['pass', 'password', 'passwd', 'pwd', 'mdp', 'mot de passe'],
      'Words that introduce a password, matched as whole words, case aside. Replaces the default list.',
    ),
  }),
  // Intrusion signals, from what the directory itself records; evaluated by the audit that follows each incremental
  // sync, and alerted at once. Sources: MITRE ATT&CK T1110.003 (password spraying), T1110 and T1110.001 (brute
  // force, password guessing); the CQPM standard (intrusion attempts reported to the security officer at once).
  'H-PWD-SPRAY': rule('Many accounts failing their password within one window (password spraying)', 'critical', {
    minAccounts: count(20, 'Distinct accounts with a failed password within the window that make a spraying attempt.'),
    windowMinutes: minutes(30, 'The window, ending at the audit, in minutes.'),
  }),
  'H-ADMIN-LOCKOUT': rule('Privileged account locked out', 'critical'),
  'H-REPEATED-LOCKOUT': rule('One account locked out again and again', 'high', {
    minLockouts: count(3, 'Lockouts of one account within the window that are reported.'),
    windowHours: hours(24, 'The window, ending at the audit, in hours.'),
  }),
  // An enabled leaver can still log in: critical. A disabled one still listed in groups cannot, but would get every
  // access back the day the account is enabled again, and still counts as a member in reviews and reports: lower.
  'G-LEAVER': rule('Leaver whose account can still log in (critical) or, disabled, is still in groups (disabledSeverity)', 'critical', {
    disabledSeverity: severity('medium', 'Severity of a disabled leaver account still listed in groups (it cannot log in).'),
  }),
  'G-ORPHAN': rule('Person account with no HR record', 'high'),
  'G-MOVER': rule('Mover still holding the old role', 'medium', { thresholdDays: days(30, 'Days after the move before the old groups are reported.') }),
  'G-TEMP-EXPIRED': rule('Expired time-bound access still effective', 'high'),
  'G-REVIEW-OVERDUE': rule('Resource not reviewed within its interval (reviewIntervals)', 'medium'),
  'G-SOD': rule('Incompatible entitlements held together (sod/)', 'high'),
  'G-OPEN-SHARE': rule('Resource granted to everyone, unless the policy declares it audience: everyone', 'medium'),
  'G-EXCESS-VS-ROLE': rule('Access the policy does not allow', 'medium'),
  // One finding per person and birthright rule, naming every resource of the rule the person lacks: the remedy is one
  // provisioning fix for the person, not one per share. External people (externals/) get their access from the grants
  // their sponsor asks for, not from the employees' birthrights, unless the policy says otherwise.
  'G-MISSING-BIRTHRIGHT': rule('Birthright access missing (one finding per person and birthright rule)', 'low', {
    externals: onOff(
      false,
      'true expects the external people of externals/ to hold the birthrights their attributes give too; by default their access comes from the grants their sponsor asks for.',
    ),
  }),
  'G-PEER-OUTLIER': rule('Access few peers hold', 'info', {
    minPeerPercent: percent(10, 'Access held by fewer peers than this share is an outlier.'),
    minPeers: count(10, 'Peer groups smaller than this (the account included) are not compared.'),
  }),
  'G-NO-OWNER': rule('Resource without owner or criticality; workstations no resource governs, one finding per OU', 'medium'),
  'G-PRIV-CHANGE': rule('New privileged member without an approved request', 'critical', {
    lookbackDays: days(365, "How far back the sync runs' recorded membership additions are read; older links count as established."),
  }),
  'G-AGDLP': rule('Permission granted outside domain-local groups', 'low'),
  'G-ADMIN-DAILY': rule('Privileged rights on an everyday account', 'medium'),
  'R-LOG-RETENTION': rule('Logs kept outside the retention window (retention.auditLogMonths)', 'medium'),
  'R-REGISTER': rule('Personal data without a record of processing', 'medium'),
  'R-LEAVER-RETENTION': rule('Disabled leaver account kept too long (retention.leaverAccountDays)', 'medium'),
  'R-SPECIAL-CATEGORY': rule('Special-category data reachable beyond its recipients', 'high'),
  'R-SAR-OVERDUE': rule('Data subject access request not answered in time', 'high', { thresholdDays: days(30, 'Days to answer.') }),
};

/** The stable id of a rule of the catalogue. */
export type RuleId = keyof typeof CATALOGUE;

/** The parameters a rule of the catalogue declares (thresholdDays...), besides enabled and severity. */
export type RuleParameterName<Id extends RuleId> = Extract<keyof (typeof CATALOGUE)[Id]['parameters'], string>;

/** The value a rule reads for one of its parameters: a number, a severity, a list of words or a switch. */
export type RuleParameterValue<Id extends RuleId, Name extends RuleParameterName<Id>> = (typeof CATALOGUE)[Id]['parameters'][Name] extends SeverityRuleParameter
  ? Severity
  : (typeof CATALOGUE)[Id]['parameters'][Name] extends WordsRuleParameter
    ? readonly string[]
    : (typeof CATALOGUE)[Id]['parameters'][Name] extends SwitchRuleParameter
      ? boolean
      : number;

/** By rule id; looked up with any string (a policy's key), it may miss. */
export const RULE_CATALOGUE: Readonly<Record<string, CatalogueRule>> & typeof CATALOGUE = CATALOGUE;

export const RULE_IDS: readonly RuleId[] = Object.keys(CATALOGUE) as RuleId[];

/** The catalogue id closest to a misspelt one, when close enough to be a typo. */
export function closestRuleId(id: string): string | undefined {
  return closest(id.toUpperCase(), RULE_IDS);
}

/** The candidate closest to `word` by edit distance, if within a third of its length. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
