import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createVigie } from '#vigie/application';
import { SEVERITIES } from '#vigie/audit';
import { VigieError } from '#vigie/common';
import { PinoLoggerService, createLogger, loggerFactory } from '#vigie/logging';
import { type GlobalOptions, configFor } from '../global-options.js';
import { listenOrExplain } from '../listen.js';
import { packageRoot } from '../package-root.js';
import { shownPath, writeDemoConfig } from '../demo/demo-config.writer.js';
import { DEMO_EXPLAIN_EXAMPLE } from '../demo/demo-examples.js';

/**
 * `npm start`: the demo company on the embedded database. Writes the demo directory with dates
 * relative to today (so its planted problems stay what they are), syncs it, audits it against the
 * shipped policy, and serves the findings with a fresh token.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('run Vigie on the demo company (Acme Industrie): sync, audit, then serve the API')
    .option('--data-dir <dir>', 'where the embedded database of the demo lives', '.vigie/demo')
    .action(async (opts: { dataDir: string }, cmd: Command) => {
      const root = packageRoot();
      const ldif = resolve(opts.dataDir, 'acme-directory.ldif');
      // The demo keeps its trail keys beside its data, created on its first run.
      const keyFiles = {
        signingKeyFile: resolve(opts.dataDir, 'keys', 'trail-signing.pem'),
        pseudonymKeyFile: resolve(opts.dataDir, 'keys', 'trail-pseudonym.key'),
      };
      const publishedCheckpointsFile = resolve(opts.dataDir, 'trail-checkpoints.jsonl');
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>(), {
        // Its published checkpoints too: a demo started afresh in another directory is held to its own copy only.
        trail: { ...keyFiles, publish: { file: publishedCheckpointsFile } },
        database: { dataDir: opts.dataDir },
        directories: [{ name: 'acme', kind: 'ldif', file: ldif }],
        policy: { dir: join(root, 'policies') },
      });
      const started = Date.now();
      const logger = new PinoLoggerService(createLogger({ level: config.log.level, fd: 1 }));
      const vigie = createVigie(config, { loggerFor: loggerFactory(logger) });
      const demo = { actor: { type: 'system' as const, id: 'demo' } };
      if (!existsSync(keyFiles.signingKeyFile) && !existsSync(keyFiles.pseudonymKeyFile)) await vigie.run('generate-trail-keys', keyFiles, demo);
      // Loaded on demand: only this command needs the generator.
      const { writeDemoDirectory } = await import('../demo/demo-directory.generator.js');
      await writeDemoDirectory(ldif, new Date());
      // Loaded on demand: the HTTP stack costs half a second that other commands need not pay. The `vigie` command hosts the API.
      const { createHttpApp } = await import('../../../api/src/create-http-app.js');
      const app = await createHttpApp(vigie, { withWorker: true, logger });
      const { outcomes } = await vigie.run('sync-directories', {}, demo);
      const sync = outcomes[0]!;
      if (sync.status !== 'synchronised')
        throw sync.status === 'failed' ? sync.error : new VigieError('conflict', 'the demo directory is being synchronised by another process: stop it first');
      const audit = await vigie.run('run-audit', {}, demo);
      // Only the token is shown (its hash is stored): the previous run's can never be printed again, so it is revoked
      // and the banner says so, rather than leaving a token nobody can read valid.
      let replaced = 0;
      for (const t of await vigie.run('list-tokens', {}, demo))
        if (t.name === 'demo' && !t.revokedAt) {
          await vigie.run('revoke-token', { id: t.id }, demo);
          replaced++;
        }
      const { token } = await vigie.run('create-token', { name: 'demo', role: 'security-officer' }, demo);
      const embedded = !config.database.url;
      const files = writeDemoConfig({ dataDir: opts.dataDir, embedded, ldif, policies: config.policy.dir, ...keyFiles, publishedCheckpointsFile });
      const { url: base } = await listenOrExplain(app, config);
      // Every severity, info included, so that the parts add up to the total.
      const bySeverity = SEVERITIES.map((s) => `${audit.counts[`severity:${s}`] ?? 0} ${s}`).join(', ');
      // The embedded database serves one process at a time (EmbeddedDatabaseInUseError): the CLI runs once the demo stops.
      const vigieCmd = files.inWorkingDir ? 'npx vigie' : `npx vigie --config ${shownPath(files.inDataDir)}`;
      const where = files.inWorkingDir ? shownPath(files.inWorkingDir) : `${shownPath(files.inDataDir)}; your ./vigie.yaml was left as it is`;
      const cli = [
        `  CLI:       ${embedded ? 'after Ctrl+C, every' : 'every'} vigie command works on this data (${where}):`,
        `             ${vigieCmd} findings list`,
        `             ${vigieCmd} explain ${DEMO_EXPLAIN_EXAMPLE}`,
        ...(embedded ? ['             (the embedded database serves one process at a time: while the demo runs, use the API)'] : []),
      ];
      process.stdout.write(
        [
          '',
          `Vigie is running on the demo company Acme Industrie (${config.database.url ? 'PostgreSQL of DATABASE_URL' : `embedded PostgreSQL in ${opts.dataDir}`}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
          `  Directory: ${sync.result.stats.accounts} accounts, ${sync.result.stats.groups} groups, ${sync.result.stats.memberships} memberships`,
          `  Audit:     ${audit.counts.total} findings (${bySeverity}), policy ${audit.report.policyVersion.slice(0, 12)}`,
          '',
          `  Findings:  ${base}/api/findings`,
          `  API docs:  ${base}/api/docs`,
          `  Token:     ${token}   (role security-officer)`,
          ...(replaced ? [`             replaces the token of the previous demo run, which is now revoked`] : []),
          '',
          ...cli,
          '',
          `  curl -H "Authorization: Bearer ${token}" "${base}/api/findings?severity=critical,high"`,
          '',
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
    });
}
