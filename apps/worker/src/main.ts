import 'reflect-metadata';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule } from '#vigie/application';
import { ConfigModule, type VigieConfig, loadConfig } from '#vigie/config';
import { PinoLoggerService, createLogger } from '#vigie/logging';
import { PersistenceModule } from '#vigie/persistence';
import { runMain } from '../../cli/src/run-main.js';
import { WorkerModule } from './worker.module.js';

@Module({})
class WorkerRootModule {
  static forRoot(config: VigieConfig): DynamicModule {
    return { module: WorkerRootModule, imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot(), ApplicationModule, WorkerModule] };
  }
}

/** The worker replica: the scheduler and background jobs, no HTTP. */
await runMain(async () => {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerRootModule.forRoot(config), {
    logger: new PinoLoggerService(createLogger({ level: config.log.level, fd: 1 })),
    abortOnError: false,
  });
  app.enableShutdownHooks();
});
