import type { Command } from 'commander';
import { type GlobalOptions, configFor } from '../global-options.js';
import { listenOrExplain } from '../listen.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the API and the scheduler in one process (a small site); use apps/api and apps/worker for separate replicas')
    .option('--no-worker', 'serve the API only')
    .action(async (opts: { worker: boolean }, cmd: Command) => {
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>(), { log: { level: cmd.optsWithGlobals<GlobalOptions>().verbose ? 'debug' : 'info' } });
      // Loaded on demand: the HTTP stack (Express, Swagger) costs half a second that other commands need not pay.
      const { createHttpApp } = await import('../../../api/src/create-http-app.js');
      const app = await createHttpApp(config, { withWorker: opts.worker });
      await listenOrExplain(app, config);
    });
}
