import { ConflictException, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ComplianceAuditService } from '#vigie/application';
import { JobLock } from '#vigie/persistence';
import { RequireAbility } from '../auth/require-ability.decorator.js';

@ApiTags('audits')
@ApiBearerAuth()
@Controller('api/audits')
export class AuditsController {
  constructor(
    private readonly audit: ComplianceAuditService,
    private readonly lock: JobLock,
  ) {}

  @Post()
  @HttpCode(201)
  @RequireAbility('create', 'AuditRun')
  @ApiOperation({ summary: 'Run the compliance audit now (the same run as the nightly one), and alert on what is new' })
  async run() {
    let summary: Record<string, unknown> | undefined;
    const ran = await this.lock.runExclusive('audit', async () => {
      const r = await this.audit.run();
      summary = { runId: r.runId, asOf: r.report.asOf, policyVersion: r.report.policyVersion, durationMs: r.durationMs, counts: r.counts, changes: r.lifecycle.counts, alerts: r.alerts };
    });
    if (!ran) throw new ConflictException('an audit is already running: try again when it has finished');
    return summary;
  }
}
