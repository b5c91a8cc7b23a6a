import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { Caller, asInput } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';
import { type PeriodicStatisticsResponse, PeriodicStatisticsSchema } from './statistics.responses.js';

@ApiTags('reports')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api/statistics')
export class StatisticsController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get()
  @RequireAbility('read', 'Report')
  @ApiOperation({
    summary: 'Periodic statistics per month: findings opened and closed, time to resolve, audits, syncs and their changes, requests, HR events',
    description: 'Months in scheduler.timezone; by default the last 12 months up to the current one. docs/statistics.md explains each figure.',
  })
  @ApiQuery({ name: 'from', required: false, type: 'string', description: 'first month, YYYY-MM (default: 11 months before `to`)' })
  @ApiQuery({ name: 'to', required: false, type: 'string', description: 'last month, YYYY-MM (default: the current month)' })
  @ApiOkResponse({ description: 'every month of the period, with zeros where nothing happened', standardSchema: PeriodicStatisticsSchema })
  @ApiErrors({ 400: 'a month is not YYYY-MM, the period ends before it starts or covers more than 60 months, or a parameter is unknown' })
  statistics(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<PeriodicStatisticsResponse> {
    return this.vigie.run('periodic-statistics', asInput(query), caller);
  }
}
