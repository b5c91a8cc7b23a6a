import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule } from '#vigie/application';
import { ConfigModule, type VigieConfig } from '#vigie/config';
import { PinoLoggerService, createLogger } from '#vigie/logging';
import { PersistenceModule } from '#vigie/persistence';
import { TrailContext } from '#vigie/trail';

@Module({})
class CliRootModule {
  static forRoot(config: VigieConfig): DynamicModule {
    return { module: CliRootModule, imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot(), ApplicationModule] };
  }
}

/** Opens the store and the use cases for one command; logs go to stderr so stdout stays for results. */
export async function withCliContext<T>(config: VigieConfig, fn: (ctx: INestApplicationContext) => Promise<T>): Promise<T> {
  const ctx = await NestFactory.createApplicationContext(CliRootModule.forRoot(config), {
    logger: new PinoLoggerService(createLogger({ level: config.log.level, fd: 2 })),
    abortOnError: false,
  });
  try {
    // One command is one job: its entries in the trail share an id, and the actor is the command line.
    return await TrailContext.run({ correlationId: randomUUID(), actor: { type: 'system', id: 'cli' } }, () => fn(ctx));
  } finally {
    await ctx.close();
  }
}
