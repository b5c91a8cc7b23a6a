import { familyOf, RULE_FAMILIES, type RuleFamily, remediationOf, type ScoreService, SEVERITIES, type Severity } from '#vigie/audit';
import type { ComplianceReport, ReportLang, ReportPeriod, ReportRule } from './compliance-report.model.js';
import type { ComplianceDataSource, PolicyResources, RuleCount } from './ports/compliance-data.source.js';

const DAY_MS = 86_400_000;
/** A monthly report shows three months of trend: enough to see whether the month broke a tendency. */
const MIN_TREND_DAYS = 90;
const FIRST_SUBJECTS = 5;
const FIRST_HOLDERS = 10;
const MAX_ROWS = 200;

export interface ReportRequest {
  period: ReportPeriod;
  lang: ReportLang;
  now: Date;
}

export interface ReportContext {
  company: string;
  timeZone: string;
  directories: Array<{ name: string; kind: string }>;
}

/** Gathers what a compliance report says from the score, the findings, the policy's resources and the trail. */
export class ComplianceReportBuilder {
  constructor(
    private readonly scores: Pick<ScoreService, 'current' | 'trend'>,
    private readonly data: ComplianceDataSource,
    private readonly resources: PolicyResources,
    private readonly context: ReportContext,
  ) {}

  async build({ period, lang, now }: ReportRequest): Promise<ComplianceReport> {
    const days = Math.max(MIN_TREND_DAYS, Math.ceil((period.to.getTime() - period.from.getTime()) / DAY_MS));
    const [current, trend, counts, changes, acceptances, privileged, checkpoint, personal] = await Promise.all([
      this.scores.current(now),
      this.scores.trend(days, this.context.timeZone, period.to),
      this.data.ruleCounts(FIRST_SUBJECTS),
      this.data.lifecycleChanges(period.from, period.to),
      this.data.openRiskAcceptances(now, MAX_ROWS),
      this.data.privilegedAccounts(MAX_ROWS),
      this.data.latestCheckpoint(period.to),
      this.personalData(),
    ]);
    const before = trend.filter((p) => p.asOf.getTime() < period.from.getTime() && p.score !== null).at(-1);
    const within = trend.find((p) => p.asOf.getTime() >= period.from.getTime() && p.score !== null);
    const kinds = this.remediationKinds();
    return {
      period,
      generatedAt: now,
      lang,
      timeZone: this.context.timeZone,
      company: this.context.company,
      directories: this.context.directories,
      score: current
        ? {
            value: current.score.score,
            level: current.score.level,
            asOf: current.asOf,
            lostByFamily: current.score.lostByFamily,
            topRules: current.score.topRules,
          }
        : null,
      trend: trend.map((p) => ({ day: p.day, score: p.score })),
      bySeverity: tally(SEVERITIES, counts, (c) => c.severity),
      byFamily: tally(RULE_FAMILIES, counts, (c) => familyOf(c.rule)),
      rules: counts.map((c) => ruleOf(c, lang, kinds)),
      changes: { ...changes, scoreThen: (before ?? within)?.score ?? null, scoreNow: current?.score.score ?? null },
      privileged,
      personalData: personal,
      riskAcceptances: acceptances,
      checkpoint,
    };
  }

  private async personalData(): Promise<ComplianceReport['personalData']> {
    const resources = (await this.resources.personalDataResources()).slice(0, MAX_ROWS);
    const out: ComplianceReport['personalData'] = [];
    // One after the other: each reads a slice of the effective access, and a report is not worth starving the API.
    for (const r of resources) {
      const holders = await this.resources.holders(r.id, FIRST_HOLDERS);
      out.push({ ...r, holders: holders.total, firstHolders: holders.first });
    }
    return out;
  }

  /** The directory kinds whose steps the report prints: both when the company has none of either (an LDIF audit). */
  private remediationKinds(): Array<'ad' | 'openldap'> {
    const kinds = new Set(this.context.directories.map((d) => (d.kind === 'ad' ? 'ad' : d.kind === 'ldap' ? 'openldap' : null)));
    const present = (['ad', 'openldap'] as const).filter((k) => kinds.has(k));
    return present.length > 0 ? present : ['ad', 'openldap'];
  }
}

function tally<K extends string>(keys: readonly K[], counts: RuleCount[], keyOf: (c: RuleCount) => K): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const c of counts) out[keyOf(c)] += c.count;
  return out;
}

function ruleOf(c: RuleCount, lang: ReportLang, kinds: Array<'ad' | 'openldap'>): ReportRule {
  const text = remediationOf(c.rule, lang);
  const family: RuleFamily = familyOf(c.rule);
  const severity: Severity = c.severity;
  return {
    rule: c.rule,
    family,
    severity,
    count: c.count,
    why: text?.why ?? null,
    fixes: text ? kinds.map((kind) => ({ kind, text: text.fix[kind] })) : [],
    firstSubjects: c.firstSubjects,
  };
}
