import { createVigie, runMain, startScheduler } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { PinoLoggerService, createLogger, loggerFactory } from '#vigie/logging';

/**
 * The worker replica, no HTTP: the clock (node-cron), whose ticks enqueue the scheduled jobs, and the job queue's workers,
 * which run them with the other replicas'. Stops its clock, then its workers and the database, on SIGTERM or SIGINT.
 */
await runMain(async () => {
  const config = loadConfig();
  const logger = new PinoLoggerService(createLogger({ level: config.log.level, fd: 1 }));
  const vigie = createVigie(config, { loggerFor: loggerFactory(logger) });
  await vigie.open();
  const scheduler = await startScheduler(vigie);
  const stop = async (signal: string) => {
    logger.log({ msg: 'stopping', signal }, 'Worker');
    await scheduler.stop();
    await vigie.close();
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
});
