/**
 * What a running audit tells its caller (a progress bar, log lines): the step it starts and, for the rules, how far
 * it is. Told before each step, so a caller knows what a long step is.
 */
export type AuditProgress =
  | { step: 'loading'; what: 'policy' | 'snapshots' | 'hr' | 'history' }
  | { step: 'effective-access'; directories: number }
  | { step: 'rule'; rule: string; index: number; total: number }
  | { step: 'storing'; findings: number };

/** How long one part of the evaluation took: building the effective-access views, or one rule. */
export interface AuditTiming {
  /** `effective-access`, or a rule id. */
  step: string;
  seconds: number;
  /** Findings the rule reported (before two rules' findings on one subject are merged by id). */
  findings?: number;
}

export type AuditProgressListener = (progress: AuditProgress) => void;
