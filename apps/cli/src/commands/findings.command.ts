import type { Command } from 'commander';
import type { UseCaseOutput } from '#vigie/application';
import { UsageError, VigieError } from '#vigie/common';
import { type FindingsPage, formatFindingsCsv, formatFindingStatesTable } from '#vigie/audit';
import { CSV_OPTION, LANG_OPTION, csvOptionsOf } from '../csv-options.js';
import { type GlobalOptions, configFor } from '../global-options.js';
import { type RequestCli, TERMINAL, print } from '../requests/request-cli.js';
import { type CommandRunner, withVigie } from '../with-vigie.js';

type Lang = 'fr' | 'en';
type ShownFinding = UseCaseOutput<'show-finding'>;

export function registerFindingsCommand(program: Command, cli: RequestCli = TERMINAL): void {
  const findings = program.command('findings').description('review the current findings and decide on them');
  findings
    .command('list')
    .description('the current findings (latest audit run), most severe first')
    .option('--status <list>', 'open, acknowledged, risk-accepted (comma-separated)')
    .option('--severity <list>', 'critical, high, medium, low, info (comma-separated)')
    .option('--rule <list>', 'rule ids (comma-separated)')
    .option('--json', 'the findings with their state, as JSON')
    .option('-f, --format <format>', 'table, json or csv', 'table')
    .option(...LANG_OPTION)
    .option(...CSV_OPTION)
    .action(async (opts: { status?: string; severity?: string; rule?: string; json?: boolean; format: string; lang?: string; csv?: string }, cmd: Command) => {
      if (!['table', 'json', 'csv'].includes(opts.format)) throw new UsageError(`unknown format "${opts.format}": expected table, json or csv`);
      const csv = csvOptionsOf(opts);
      const page = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        allFindings(cli, { status: opts.status, severity: opts.severity, rule: opts.rule }),
      );
      if (opts.format === 'csv') {
        const report = { asOf: page.asOf ?? '', policyVersion: page.policyVersion ?? '', findings: page.findings };
        process.stdout.write(formatFindingsCsv(report, { ...csv, withState: true }));
        return;
      }
      if (opts.json || opts.format === 'json') {
        process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
        return;
      }
      if (!page.asOf) throw new VigieError('conflict', 'no audit has run yet: run `vigie audit` first');
      process.stdout.write(formatFindingStatesTable({ asOf: page.asOf, policyVersion: page.policyVersion ?? '', findings: page.findings }));
    });
  findings
    .command('show <id>')
    .description('one finding, with why it matters and how to fix it (Active Directory and OpenLDAP steps)')
    .option('--lang <lang>', 'fr or en (default: fr when LC_ALL or LANG starts with fr, else en)')
    .option('--json', 'the finding and its texts, as JSON')
    .action(async (id: string, opts: { lang?: string; json?: boolean }, cmd: Command) => {
      const lang = opts.lang ?? defaultLang(process.env); // checked by the use case, which names the accepted values
      const shown = await cli.withVigie(cmd, (vigie) => vigie.run('show-finding', { id, lang: lang as Lang }));
      print(cli, opts.json, shown, () => formatShownFinding(shown));
    });
  findings
    .command('ack <id>')
    .description('acknowledge a finding')
    .requiredOption('-r, --reason <text>', 'why (kept with the finding)')
    .action(async (id: string, opts: { reason: string }, cmd: Command) => {
      const s = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('decide-on-finding', { id, decision: 'acknowledge', reason: opts.reason }),
      );
      process.stdout.write(`finding ${s.id} acknowledged by ${s.decidedBy}\n`);
    });
  findings
    .command('accept <id>')
    .description('accept the risk of a finding until a date (at most a year); it reopens when the date passes')
    .requiredOption('-u, --until <YYYY-MM-DD>', 'last day of the acceptance (included)')
    .requiredOption('-r, --reason <text>', 'why the risk is accepted (kept with the finding)')
    .action(async (id: string, opts: { until: string; reason: string }, cmd: Command) => {
      const s = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('decide-on-finding', { id, decision: 'accept-risk', until: opts.until, reason: opts.reason }),
      );
      process.stdout.write(`risk of finding ${s.id} accepted until ${opts.until} by ${s.decidedBy}\n`);
    });
}

/** Every current finding, page after page by cursor (the use case serves at most 500 at a time), all from one audit run. */
async function allFindings(cli: CommandRunner, filter: { status?: string; severity?: string; rule?: string }): Promise<FindingsPage> {
  const first = await cli.run('list-findings', { ...filter, limit: 500 });
  const findings = [...first.findings];
  for (let cursor = first.nextCursor; cursor;) {
    const next = await cli.run('list-findings', { ...filter, limit: 500, cursor });
    findings.push(...next.findings);
    cursor = next.nextCursor;
  }
  return { ...first, total: findings.length, limit: findings.length, nextCursor: null, findings };
}

/** fr when the locale (LC_ALL, else LANG) is French, else en. */
export function defaultLang(env: NodeJS.ProcessEnv): Lang {
  return /^fr/i.test(env.LC_ALL || env.LANG || '') ? 'fr' : 'en';
}

const LABELS = {
  en: {
    why: 'Why it matters',
    fix: 'How to fix',
    rule: 'Rule',
    severity: 'Severity',
    status: 'Status',
    subject: 'Subject',
    resource: 'Resource',
    explain: 'Explanation',
    none: 'No remediation text for this rule yet.',
    colon: ':',
  },
  fr: {
    why: 'Pourquoi c’est important',
    fix: 'Comment corriger',
    rule: 'Règle',
    severity: 'Sévérité',
    status: 'Statut',
    subject: 'Sujet',
    resource: 'Ressource',
    explain: 'Explication',
    none: 'Pas encore de texte de remédiation pour cette règle.',
    colon: ' :',
  },
} as const;

/** The finding, then why it matters and how to fix it, the step of its directory's kind first. */
export function formatShownFinding(shown: ShownFinding): string {
  const { finding: f, remediation: r, directoryKind } = shown;
  const l = LABELS[r?.lang ?? 'en'];
  const subject = [f.subject.login ?? f.subject.name ?? f.subject.dn ?? f.subject.type, f.subject.directory && `(${f.subject.directory})`]
    .filter(Boolean)
    .join(' ');
  const lines = [
    `${f.id}  ${f.message}`,
    `  ${l.rule}${l.colon} ${f.rule}`,
    `  ${l.severity}${l.colon} ${f.severity}`,
    `  ${l.status}${l.colon} ${f.state.status}`,
    `  ${l.subject}${l.colon} ${subject}${f.subject.dn ? ` ${f.subject.dn}` : ''}`,
  ];
  if (f.resource) lines.push(`  ${l.resource}${l.colon} ${f.resource.name} (${f.resource.type} ${f.resource.id})`);
  if (f.explain.length) lines.push(`  ${l.explain}${l.colon}`, ...f.explain.map((step) => `    - ${step}`));
  lines.push('');
  if (!r) return `${[...lines, l.none].join('\n')}\n`;
  const steps = [
    ['Active Directory', r.fix.ad],
    ['OpenLDAP', r.fix.openldap],
  ] as const;
  const ordered = directoryKind === 'openldap' ? [steps[1], steps[0]] : steps;
  lines.push(`${l.why}${l.colon}`, `  ${r.why}`, '', `${l.fix}${l.colon}`, ...ordered.flatMap(([kind, text]) => [`  ${kind}${l.colon}`, `    ${text}`]));
  return `${lines.join('\n')}\n`;
}
