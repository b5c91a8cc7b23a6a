import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { openApiSchema } from '../openapi/zod-openapi.js';
import { type MetricsTextResponse, MetricsTextSchema } from './metrics.responses.js';
import { MetricsRegistry } from './metrics.registry.js';

/** Prometheus exposition; scrape it with a bearer token (Prometheus `authorization` setting). */
@ApiTags('metrics')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @RequireAbility('read', 'Metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics of this process' })
  // Text, not JSON: the schema is given with its media type (a standardSchema would be listed as application/json).
  @ApiOkResponse({
    description: 'the metrics in the Prometheus text format',
    content: { 'text/plain': { schema: openApiSchema(MetricsTextSchema, 'output') } },
  })
  scrape(): Promise<MetricsTextResponse> {
    return this.metrics.registry.metrics();
  }
}
