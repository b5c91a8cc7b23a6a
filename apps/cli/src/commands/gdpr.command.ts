import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { EXPORT_LANGUAGES, type ExportLanguage, renderSubjectAccessHtml } from '#vigie/gdpr';
import { VigieError } from '#vigie/common';
import { type GlobalOptions, configFor } from '../global-options.js';
import { outputFileError } from '../output-file.js';
import { withVigie } from '../with-vigie.js';

export function registerGdprCommand(program: Command): void {
  const gdpr = program.command('gdpr').description("data subjects' rights over what Vigie holds about them (GDPR art. 15 and 17)");

  gdpr
    .command('export <person>')
    .description('write everything Vigie holds about a person (employee id or login) as JSON and as a readable HTML page')
    .option('-o, --output <base>', 'file name without extension: writes <base>.json and <base>.html', 'vigie-personal-data')
    .option('--lang <lang>', `language of the HTML page the person reads: ${EXPORT_LANGUAGES.join(' or ')}`, 'fr')
    .option('--name <name>', "the person's name as their request gives it, also searched in free text (repeatable)", collect, [])
    .option('--mail <mail>', "the person's mail address as their request gives it (repeatable)", collect, [])
    .action(async (person: string, opts: { output: string; lang: string; name: string[]; mail: string[] }, cmd: Command) => {
      const lang = exportLanguage(opts.lang);
      const report = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('export-personal-data', { person, names: opts.name, mails: opts.mail }),
      );
      for (const [file, text] of [
        [`${opts.output}.json`, `${JSON.stringify(report, null, 2)}\n`],
        [`${opts.output}.html`, renderSubjectAccessHtml(report, { lang })],
      ]) {
        try {
          writeFileSync(file, text, { mode: 0o600 });
        } catch (err) {
          throw outputFileError(file, err);
        }
      }
      process.stdout.write(
        `${opts.output}.json and ${opts.output}.html written: ${report.accounts.length} accounts, ${report.memberships.length} group memberships, ` +
          `${report.effectiveAccess.length} effective entitlements, ${report.findings.length} findings, ${report.trail.length} trail entries\n`,
      );
    });

  gdpr
    .command('erase <person>')
    .description('pseudonymise a person (employee id or login) everywhere Vigie holds them; the trail still verifies')
    .option('--force', 'erase even though the person is still in a synchronised directory (the next sync brings them back)')
    .option('--reason <text>', 'why (recorded in the trail)')
    .option('--name <name>', "the person's name as their request gives it, also scrubbed from free text (repeatable)", collect, [])
    .option('--mail <mail>', "the person's mail address as their request gives it (repeatable)", collect, [])
    .action(async (person: string, opts: { force?: boolean; reason?: string; name: string[]; mail: string[] }, cmd: Command) => {
      const r = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('erase-personal-data', { person, force: !!opts.force, reason: opts.reason, names: opts.name, mails: opts.mail }),
      );
      if (r.alreadyErased && !Object.keys(r.rows).length && !r.trailEntries) {
        process.stdout.write(`"${person}" was already erased on ${r.erasedAt} as ${r.pseudonym}: nothing about them is left to erase.\n`);
        return;
      }
      const rows =
        Object.entries(r.rows)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ') || 'none';
      process.stdout.write(
        `"${person}" erased as ${r.pseudonym}${r.alreadyErased ? ` (already erased on ${r.erasedAt}; this erased what came back since)` : ''}: ` +
          `${r.trailEntries} trail entries scrubbed, rows changed: ${rows}. The erasure is recorded in the trail.\n`,
      );
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function exportLanguage(value: string): ExportLanguage {
  if ((EXPORT_LANGUAGES as readonly string[]).includes(value)) return value as ExportLanguage;
  throw new VigieError('usage', `--lang: expected one of ${EXPORT_LANGUAGES.join(', ')}, not "${value}"`);
}
