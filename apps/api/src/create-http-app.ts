import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { SCIM_MAX_PAYLOAD_BYTES, type Vigie, startScheduler } from '#vigie/application';
import { PinoLoggerService, createLogger } from '#vigie/logging';
import { ApiModule } from './api.module.js';
import { docsAuthMiddleware } from './auth/docs-auth.middleware.js';
import { BAMBOOHR_WEBHOOK_PATH } from './hr-vendors/bamboohr.controller.js';
import { requestContext } from './http/request-context.middleware.js';
import { hrWebhookBody } from './hr-events/hr-webhook-body.middleware.js';
import { securityHeaders } from './http/security-headers.middleware.js';
import { MetricsRegistry } from './metrics/metrics.registry.js';
import { VigieShutdown } from './vigie-shutdown.js';
import { createOpenApiDocument } from './openapi/openapi-document.js';
import { serveDocsPage } from './openapi/docs-page.js';
import { serveWebDesk } from './web/web-desk.js';

export interface HttpAppOptions {
  /** Also run the scheduler in this process (small sites); production runs it as its own replica (apps/worker). */
  withWorker: boolean;
  /** Where Nest logs: the process's logger; JSON lines on stdout at the configured level by default. */
  logger?: PinoLoggerService;
  /** The built web desk to serve; by default dist/web of the installation this module runs from (see webDeskDir). */
  webDir?: string;
}

/**
 * Builds the HTTP application over a composed Vigie (not yet listening): used by the api main, `vigie serve`, the demo
 * and the e2e tests. The application owns the Vigie from then on: closing it stops the scheduler and closes Vigie.
 */
export async function createHttpApp(vigie: Vigie, options: HttpAppOptions): Promise<INestApplication> {
  // What a long-running process checks at start, so that a wrong setting stops it at once: the database with its
  // migrations, the trail's keys.
  await vigie.open();
  const logger = options.logger ?? new PinoLoggerService(createLogger({ level: vigie.config.log.level, fd: 1 }));
  const app = await NestFactory.create(ApiModule.over(vigie), { logger, abortOnError: false });
  app.enableShutdownHooks();
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  // The caller's address (trail, throttling of failed sign-ins) from X-Forwarded-For, only through the proxies named.
  if (vigie.config.http.trustProxy) app.getHttpAdapter().getInstance().set('trust proxy', vigie.config.http.trustProxy);
  app.use(requestContext(app.get(MetricsRegistry)));
  app.use(securityHeaders());
  // The HR webhooks' signatures cover the body's exact bytes: kept raw (and bounded) before any JSON parser.
  app.use('/api/hr/events', hrWebhookBody(vigie.config.hr.webhook.maxBodyBytes));
  app.use(BAMBOOHR_WEBHOOK_PATH, hrWebhookBody(vigie.config.hr.webhook.maxBodyBytes));
  // The session cookie (and the OIDC binding) are read by the guard and the sign-in routes; nothing signs cookies: each is a random secret.
  app.use(cookieParser());
  // SCIM clients send application/scim+json (RFC 7644 §3.1), which Nest's JSON parser does not take; a Bulk request
  // may be as large as ServiceProviderConfig says. A JSON parser registered here turns Nest's own off (it looks for
  // one by name): application/json gets Nest's, as it would have, first.
  const express = app as NestExpressApplication;
  express.useBodyParser('json');
  express.useBodyParser('json', { type: 'application/scim+json', limit: SCIM_MAX_PAYLOAD_BYTES });
  const { config } = vigie;
  if (config.api.docs) {
    const document = createOpenApiDocument(app);
    // The documents need a token (or a session) with ApiDocs; the page that shows them loads without one.
    app.use(['/api/docs-json', '/api/docs-yaml'], docsAuthMiddleware(vigie));
    SwaggerModule.setup('api/docs', app, document, { ui: false, jsonDocumentUrl: 'api/docs-json', yamlDocumentUrl: 'api/docs-yaml' });
    serveDocsPage(app);
  }
  // After the documentation page: /api/docs is the API's; every other path outside the API is the web desk.
  serveWebDesk(app, options.webDir);
  const scheduler = options.withWorker ? await startScheduler(vigie) : null;
  // On close (or a signal): stop the clock, then close Vigie and its database (VigieShutdown, a Nest lifecycle hook).
  if (scheduler) app.get(VigieShutdown).add(() => scheduler.stop());
  return app;
}
