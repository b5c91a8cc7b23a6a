import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type UseCaseContext, type Vigie, runAuditBody } from '#vigie/application';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { Caller, asInput } from '../http/caller.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { openApiSchema } from '../openapi/zod-openapi.js';
import { InjectVigie } from '../vigie.provider.js';
import { type AuditRunSummaryResponse, AuditRunSummarySchema } from './audits.responses.js';

@ApiTags('audits')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api/audits')
export class AuditsController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Post()
  @HttpCode(201)
  @RequireAbility('create', 'AuditRun')
  @ApiOperation({ summary: 'Run the compliance audit now (the same run as the nightly one), and alert on what is new' })
  @ApiBody({ required: false, schema: openApiSchema(runAuditBody, 'input') })
  @ApiCreatedResponse({ description: 'the run: its counts, what changed since the previous one, and the alerts sent', standardSchema: AuditRunSummarySchema })
  @ApiErrors({
    400: 'asOf is not a date, or the body has another field',
    409: 'an audit is already running, or no directory has been synchronised yet, or the policy in force is invalid with no valid version to fall back on',
  })
  async run(@Body() body: Record<string, unknown> | undefined, @Caller() caller: UseCaseContext): Promise<AuditRunSummaryResponse> {
    const r = await this.vigie.run('run-audit', asInput(body ?? {}), caller);
    return {
      runId: r.runId,
      asOf: r.report.asOf,
      policyVersion: r.report.policyVersion,
      durationMs: r.durationMs,
      counts: r.counts,
      changes: r.lifecycle.counts,
      alerts: r.alerts,
    };
  }
}
