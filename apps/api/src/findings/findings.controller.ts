import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { StaffPrincipal } from '#vigie/access-control';
import { FindingDecisionService, type FindingState, FindingsQueryService, type FindingsPage } from '#vigie/audit';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { parseAcceptRisk, parseAcknowledge } from './finding-decision.dto.js';
import { parseFindingsQuery } from './findings-query.dto.js';

@ApiTags('findings')
@ApiBearerAuth()
@Controller('api/findings')
export class FindingsController {
  constructor(
    private readonly findings: FindingsQueryService,
    private readonly decisions: FindingDecisionService,
  ) {}

  @Get()
  @RequireAbility('read', 'Finding')
  @ApiOperation({ summary: 'Current findings (latest successful audit run), most severe first' })
  @ApiQuery({ name: 'rule', required: false, description: 'rule ids, comma-separated (H-PWD-NEVER-EXPIRES,G-EXCESS-VS-ROLE)' })
  @ApiQuery({ name: 'severity', required: false, description: 'critical, high, medium, low, info; comma-separated' })
  @ApiQuery({ name: 'directory', required: false })
  @ApiQuery({ name: 'login', required: false, description: 'sAMAccountName or uid, case-insensitive' })
  @ApiQuery({ name: 'status', required: false, description: 'open, acknowledged, risk-accepted; comma-separated' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50' })
  @ApiQuery({ name: 'offset', required: false, description: 'default 0' })
  list(@Query() query: Record<string, unknown>): Promise<FindingsPage> {
    const { filter, page } = parseFindingsQuery(query);
    return this.findings.current(filter, page);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequireAbility('update', 'Finding')
  @ApiOperation({ summary: 'Acknowledge a finding, with a reason' })
  acknowledge(@Param('id') id: string, @Body() body: unknown, @Req() req: { user: StaffPrincipal }): Promise<FindingState> {
    const { reason } = parseAcknowledge(body);
    return this.decisions.acknowledge(id, `token:${req.user.name}`, reason);
  }

  @Post(':id/accept-risk')
  @HttpCode(200)
  @RequireAbility('update', 'Finding')
  @ApiOperation({ summary: 'Accept the risk of a finding until a date (at most a year), with a reason; it reopens when the date passes' })
  acceptRisk(@Param('id') id: string, @Body() body: unknown, @Req() req: { user: StaffPrincipal }): Promise<FindingState> {
    const { reason, until } = parseAcceptRisk(body);
    return this.decisions.acceptRisk(id, `token:${req.user.name}`, until, reason);
  }
}
