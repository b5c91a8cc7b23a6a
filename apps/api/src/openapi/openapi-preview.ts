import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createVigie } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { ApiModule } from '../api.module.js';
import { createOpenApiDocument } from './openapi-document.js';

/**
 * The API's OpenAPI document without a running API. Nest's preview mode resolves the application's module graph
 * without instantiating a provider, so it needs no database, directory or configuration file: the defaults do.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ env: {}, file: '/dev/null', overrides: { log: { level: 'silent' }, scheduler: { enabled: false } } });
  // Vigie opens nothing until a use case runs, and none does here.
  const app = await NestFactory.create(ApiModule.over(createVigie(config)), { preview: true, logger: false, abortOnError: false });
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
