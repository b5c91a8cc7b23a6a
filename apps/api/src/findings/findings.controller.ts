import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FindingsQueryService, type FindingsPage } from '#vigie/audit';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { parseFindingsQuery } from './findings-query.dto.js';

@ApiTags('findings')
@ApiBearerAuth()
@Controller('api/findings')
export class FindingsController {
  constructor(private readonly findings: FindingsQueryService) {}

  @Get()
  @RequireAbility('read', 'Finding')
  @ApiOperation({ summary: 'Current findings (latest successful audit run), most severe first' })
  @ApiQuery({ name: 'rule', required: false, description: 'rule ids, comma-separated (H-PWD-NEVER-EXPIRES,G-EXCESS-VS-ROLE)' })
  @ApiQuery({ name: 'severity', required: false, description: 'critical, high, medium, low, info; comma-separated' })
  @ApiQuery({ name: 'directory', required: false })
  @ApiQuery({ name: 'login', required: false, description: 'sAMAccountName or uid, case-insensitive' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50' })
  @ApiQuery({ name: 'offset', required: false, description: 'default 0' })
  list(@Query() query: Record<string, unknown>): Promise<FindingsPage> {
    const { filter, page } = parseFindingsQuery(query);
    return this.findings.current(filter, page);
  }
}
