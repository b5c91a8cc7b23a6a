import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApplicationModule } from '#vigie/application';
import { ConfigModule, type VigieConfig } from '#vigie/config';
import { PinoLoggerService, createLogger } from '#vigie/logging';
import { PersistenceModule } from '#vigie/persistence';

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
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}
