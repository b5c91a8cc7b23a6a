import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { Caller } from '../http/caller.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { InjectVigie } from '../vigie.provider.js';
import { type DashboardResponse, DashboardSchema, toDashboardResponse } from './dashboard.responses.js';

@ApiTags('dashboard')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api/dashboard')
export class DashboardController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get()
  @RequireAbility('read', 'Finding')
  @ApiOperation({
    summary: "The security officer's dashboard: the score and its level, open findings, the 90-day trend, each directory's last sync",
    description: 'Before any audit: runId null, a score of 100 and zero counts (run an audit). docs/dashboard.md says what each figure means.',
  })
  @ApiOkResponse({ description: 'the dashboard as of now', standardSchema: DashboardSchema })
  async show(@Caller() caller: UseCaseContext): Promise<DashboardResponse> {
    return toDashboardResponse(await this.vigie.run('show-dashboard', {}, caller));
  }
}
