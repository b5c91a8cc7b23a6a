import 'reflect-metadata';
import { createVigie, runMain } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { PinoLoggerService, createLogger, loggerFactory } from '#vigie/logging';
import { createHttpApp } from './create-http-app.js';

/** The API replica alone (the scheduler runs in its own replica: apps/worker). */
await runMain(async () => {
  const config = loadConfig();
  const logger = new PinoLoggerService(createLogger({ level: config.log.level, fd: 1 }));
  const app = await createHttpApp(createVigie(config, { loggerFor: loggerFactory(logger) }), { withWorker: false, logger });
  await app.listen(config.http.port, config.http.host);
});
