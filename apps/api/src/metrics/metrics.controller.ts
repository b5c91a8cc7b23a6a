import { Controller, Get, Header, Logger } from '@nestjs/common';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { openApiSchema } from '../openapi/zod-openapi.js';
import { type MetricsTextResponse, MetricsTextSchema } from './metrics.responses.js';
import { MetricsRegistry } from './metrics.registry.js';
import { Caller } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';

/** Prometheus exposition; scrape it with a bearer token (Prometheus `authorization` setting). */
@ApiTags('metrics')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('metrics')
export class MetricsController {
  private readonly logger = new Logger(MetricsController.name);

  constructor(
    private readonly metrics: MetricsRegistry,
    @InjectVigie() private readonly vigie: Vigie,
  ) {}

  @Get()
  @RequireAbility('read', 'Metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics: findings, syncs, audits, trail checkpoint, HR events, requests (from the database), and this process' })
  // Text, not JSON: the schema is given with its media type (a standardSchema would be listed as application/json).
  @ApiOkResponse({
    description: 'the metrics in the Prometheus text format',
    content: { 'text/plain': { schema: openApiSchema(MetricsTextSchema, 'output') } },
  })
  async scrape(@Caller() caller: UseCaseContext): Promise<MetricsTextResponse> {
    try {
      this.metrics.observe(await this.vigie.run('read-operational-gauges', {}, caller));
    } catch (err) {
      // The process metrics still answer: vigie_data_metrics_up 0 says the database figures are missing.
      this.logger.warn(`the database figures of the metrics could not be read: ${(err as Error).message}`);
      this.metrics.unobserved();
    }
    return this.metrics.registry.metrics();
  }
}
