import { SEVERITIES, type Severity } from '../finding.model.js';

/**
 * The overall score of the dashboard and the reports, in the spirit of PingCastle's (points per rule, capped so that
 * one noisy rule cannot hide the others) and of ANSSI's Active Directory levels (the level is set by the worst
 * severity still open, not by the sum). Documented in docs/score.md; change both together.
 */

/** The three rule families of the catalogue, by the id's prefix (rules.md): hygiene, governance, GDPR. */
export const RULE_FAMILIES = ['hygiene', 'governance', 'gdpr'] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

export function familyOf(ruleId: string): RuleFamily {
  if (ruleId.startsWith('H-')) return 'hygiene';
  if (ruleId.startsWith('R-')) return 'gdpr';
  return 'governance';
}

/** Points a rule costs the first time it fires, by its severity. */
export const RULE_BASE_POINTS: Readonly<Record<Severity, number>> = { critical: 20, high: 10, medium: 4, low: 1, info: 0 };
/** A rule never costs more than this many times its base, however many findings it has. */
export const RULE_CAP_FACTOR = 2;

/** The open findings of one rule that count: open or acknowledged (a risk accepted until a date does not count). */
export interface RuleTally {
  rule: string;
  severity: Severity;
  count: number;
}

/** 1 (a critical finding is open) to 5 (nothing above info is open): the level reached. */
export type ScoreLevel = 1 | 2 | 3 | 4 | 5;

export interface SecurityScore {
  /** 0 (worst) to 100 (nothing open that costs points). */
  score: number;
  level: ScoreLevel;
  /** Points lost per family, for "where the score went". */
  lostByFamily: Record<RuleFamily, number>;
  /** The rules that cost the most, most first (at most 5). */
  topRules: Array<{ rule: string; severity: Severity; count: number; points: number }>;
}

/** What one rule costs: its base for the first finding, a tenth of it for each other, up to the cap. */
export function rulePoints(severity: Severity, count: number): number {
  if (count <= 0) return 0;
  const base = RULE_BASE_POINTS[severity];
  return Math.min(base * RULE_CAP_FACTOR, base + (base / 10) * (count - 1));
}

/** The score of the counting findings, grouped by rule. Pure: the dashboard, the reports and the trend share it. */
export function securityScore(tallies: Iterable<RuleTally>): SecurityScore {
  const lostByFamily: Record<RuleFamily, number> = { hygiene: 0, governance: 0, gdpr: 0 };
  const costs: SecurityScore['topRules'] = [];
  let worst: number = SEVERITIES.length;
  let lost = 0;
  for (const t of tallies) {
    if (t.count <= 0) continue;
    const points = rulePoints(t.severity, t.count);
    lost += points;
    lostByFamily[familyOf(t.rule)] += points;
    if (t.severity !== 'info') worst = Math.min(worst, SEVERITIES.indexOf(t.severity));
    if (points > 0) costs.push({ rule: t.rule, severity: t.severity, count: t.count, points });
  }
  costs.sort((a, b) => b.points - a.points || a.rule.localeCompare(b.rule));
  // worst is the rank of the most severe open finding: critical (0) gives level 1, nothing (5 or info) level 5.
  const level = Math.min(5, worst + 1) as ScoreLevel;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    score: Math.max(0, Math.round(100 - lost)),
    level,
    lostByFamily: { hygiene: round(lostByFamily.hygiene), governance: round(lostByFamily.governance), gdpr: round(lostByFamily.gdpr) },
    topRules: costs.slice(0, 5).map((c) => ({ ...c, points: round(c.points) })),
  };
}
