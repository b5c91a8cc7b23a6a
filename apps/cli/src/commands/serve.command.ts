import type { Command } from 'commander';
import { createVigie } from '#vigie/application';
import { PinoLoggerService, createLogger, loggerFactory } from '#vigie/logging';
import { type GlobalOptions, configFor } from '../global-options.js';
import { listenOrExplain } from '../listen.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the API and the scheduler in one process (a small site); use apps/api and apps/worker for separate replicas')
    .option('--no-worker', 'serve the API only')
    .action(async (opts: { worker: boolean }, cmd: Command) => {
      const config = configFor(cmd.optsWithGlobals<GlobalOptions>(), { log: { level: cmd.optsWithGlobals<GlobalOptions>().verbose ? 'debug' : 'info' } });
      // Loaded on demand: the HTTP stack (Nest, Express, Swagger) costs half a second that other commands need not pay.
      // The one import of an app by another: the `vigie` command hosts the API (docs/architecture.md).
      const { createHttpApp } = await import('../../../api/src/create-http-app.js');
      const logger = new PinoLoggerService(createLogger({ level: config.log.level, fd: 1 }));
      const app = await createHttpApp(createVigie(config, { loggerFor: loggerFactory(logger) }), { withWorker: opts.worker, logger });
      const { url, boundTo } = await listenOrExplain(app, config);
      // The one line an operator looks for after starting the service, with the URL as a field for log collectors.
      logger.log({ msg: `Vigie is listening on ${url} (API ${url}/api, docs ${url}/api/docs; bound to ${boundTo})`, url, boundTo }, 'Serve');
    });
}
