import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { ApiTokenService } from '#vigie/access-control';
import { ComplianceAuditService, selectDirectories } from '#vigie/application';
import { describeDatabase } from '#vigie/persistence';
import { SyncService } from '#vigie/identity';
import { writeNewTrailKeys } from '#vigie/trail';
import { type GlobalOptions, configFor } from '../global-options.js';
import { listenOrExplain } from '../listen.js';
import { packageRoot } from '../package-root.js';

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
      const keyFiles = { signingKeyFile: resolve(opts.dataDir, 'keys', 'trail-signing.pem'), pseudonymKeyFile: resolve(opts.dataDir, 'keys', 'trail-pseudonym.key') };
      if (!existsSync(keyFiles.signingKeyFile) && !existsSync(keyFiles.pseudonymKeyFile)) writeNewTrailKeys(keyFiles);
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>(), {
        trail: keyFiles,
        database: { dataDir: opts.dataDir },
        directories: [{ name: 'acme', kind: 'ldif', file: ldif }],
        policy: { dir: join(root, 'policies') },
      });
      const started = Date.now();
      // Loaded on demand: only this command needs the generator.
      const { writeDemoDirectory } = await import('../demo/demo-directory.generator.js');
      await writeDemoDirectory(ldif, new Date());
      // Loaded on demand: the HTTP stack (Express, Swagger) costs half a second that other commands need not pay.
      const { createHttpApp } = await import('../../../api/src/create-http-app.js');
      const app = await createHttpApp(config, { withWorker: true });
      const [source] = selectDirectories(config.directories);
      const sync = await app.get(SyncService).sync(source);
      const audit = await app.get(ComplianceAuditService).run();
      const tokens = app.get(ApiTokenService);
      for (const t of await tokens.list()) if (t.name === 'demo' && !t.revokedAt) await tokens.revoke(t.id);
      const { token } = await tokens.create({ name: 'demo', role: 'security-officer' });
      await listenOrExplain(app, config);
      const base = config.http.publicUrl ?? `http://localhost:${config.http.port}`;
      const bySeverity = ['critical', 'high', 'medium', 'low'].map((s) => `${audit.counts[`severity:${s}`] ?? 0} ${s}`).join(', ');
      process.stdout.write(
        [
          '',
          `Vigie is running on the demo company Acme Industrie (${describeDatabase(config.database)}), ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
          `  Directory: ${sync.stats.accounts} accounts, ${sync.stats.groups} groups, ${sync.stats.memberships} memberships`,
          `  Audit:     ${audit.counts.total} findings (${bySeverity}), policy ${audit.report.policyVersion.slice(0, 12)}`,
          '',
          `  Findings:  ${base}/api/findings`,
          `  API docs:  ${base}/api/docs`,
          `  Token:     ${token}   (role security-officer)`,
          '',
          `  curl -H "Authorization: Bearer ${token}" "${base}/api/findings?severity=critical,high"`,
          '',
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
    });
}
