import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { VigieConfig } from './config.schema.js';

/** Injection token for the validated configuration (an abstract class is both type and token). */
export abstract class AppConfig {
  abstract readonly value: VigieConfig;
}

@Global()
@Module({})
export class ConfigModule {
  /** The configuration is loaded once, before Nest starts, so an invalid value stops the boot with its message. */
  static forRoot(config: VigieConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfig, useValue: { value: config } }],
      exports: [AppConfig],
    };
  }
}
