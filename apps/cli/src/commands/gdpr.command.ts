import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { renderSubjectAccessHtml } from '#vigie/gdpr';
import { type GlobalOptions, configFor } from '../global-options.js';
import { outputFileError } from '../output-file.js';
import { withVigie } from '../with-vigie.js';

export function registerGdprCommand(program: Command): void {
  const gdpr = program.command('gdpr').description("data subjects' rights over what Vigie holds about them (GDPR art. 15 and 17)");

  gdpr
    .command('export <person>')
    .description('write everything Vigie holds about a person (employee id or login) as JSON and as a readable HTML page')
    .option('-o, --output <base>', 'file name without extension: writes <base>.json and <base>.html', 'vigie-personal-data')
    .action(async (person: string, opts: { output: string }, cmd: Command) => {
      const report = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) => cli.run('export-personal-data', { person }));
      for (const [file, text] of [
        [`${opts.output}.json`, `${JSON.stringify(report, null, 2)}\n`],
        [`${opts.output}.html`, renderSubjectAccessHtml(report)],
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
    .action(async (person: string, opts: { force?: boolean; reason?: string }, cmd: Command) => {
      const r = await withVigie(configFor(cmd.optsWithGlobals<GlobalOptions>()), (cli) =>
        cli.run('erase-personal-data', { person, force: !!opts.force, reason: opts.reason }),
      );
      const rows =
        Object.entries(r.rows)
          .map(([t, n]) => `${t} ${n}`)
          .join(', ') || 'none';
      process.stdout.write(
        `"${person}" erased as ${r.pseudonym}: ${r.trailEntries} trail entries scrubbed, rows changed: ${rows}. The erasure is recorded in the trail.\n`,
      );
    });
}
