import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ApiTokenService } from '#vigie/access-control';
import { ApplicationModule } from '#vigie/application';
import { ConfigModule, type VigieConfig } from '#vigie/config';
import { PinoLoggerService, createLogger } from '#vigie/logging';
import { PersistenceModule } from '#vigie/persistence';
import { WorkerModule } from '../../worker/src/worker.module.js';
import { ApiModule } from './api.module.js';
import { AuthTrail } from './auth/auth-trail.js';
import { docsAuthMiddleware } from './auth/docs-auth.middleware.js';
import { requestContext } from './http/request-context.middleware.js';
import { MetricsRegistry } from './metrics/metrics.registry.js';

export interface HttpAppOptions {
  /** Also run the scheduler in this process (small sites); production runs it as its own replica. */
  withWorker: boolean;
}

@Module({})
class HttpRootModule {
  static forRoot(config: VigieConfig, options: HttpAppOptions): DynamicModule {
    return {
      module: HttpRootModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot(), ApplicationModule, ApiModule, ...(options.withWorker ? [WorkerModule] : [])],
    };
  }
}

/** Builds the HTTP application (not yet listening): used by the api main, `vigie serve` and the e2e tests. */
export async function createHttpApp(config: VigieConfig, options: HttpAppOptions): Promise<INestApplication> {
  const logger = new PinoLoggerService(createLogger({ level: config.log.level, fd: 1 }));
  const app = await NestFactory.create(HttpRootModule.forRoot(config, options), { logger, abortOnError: false });
  app.enableShutdownHooks();
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  app.use(requestContext(app.get(MetricsRegistry)));
  if (config.api.docs) {
    const document = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Vigie')
        .setDescription('Identity and access governance for Active Directory and OpenLDAP. Every route but /health needs a bearer token.')
        .setVersion('0.1.0')
        .addBearerAuth()
        .build(),
    );
    app.use(['/api/docs', '/api/docs-json', '/api/docs-yaml'], docsAuthMiddleware(app.get(ApiTokenService), app.get(AuthTrail)));
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', yamlDocumentUrl: 'api/docs-yaml' });
  }
  return app;
}
