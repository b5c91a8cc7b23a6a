import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { TrailQueryService, type TrailPage, TrailUsageError } from '#vigie/trail';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { parseAuditLogQuery } from './audit-log-query.dto.js';

@ApiTags('audit-log')
@ApiBearerAuth()
@Controller('api/audit-log')
export class AuditLogController {
  constructor(private readonly trail: TrailQueryService) {}

  @Get()
  @RequireAbility('read', 'AuditLog')
  @ApiOperation({ summary: 'The trail (audit log), newest first, with a cursor for the next page' })
  @ApiQuery({ name: 'actor', required: false, description: 'token id, job name (sync, audit, cli) or a person’s login or employee id' })
  @ApiQuery({ name: 'target', required: false, description: 'target id (e.g. corp:uid=jdupont,ou=people,dc=acme, a token id, a directory) or a person’s login or employee id' })
  @ApiQuery({ name: 'action', required: false, description: 'exact action (auth.failed) or prefix (auth.*)' })
  @ApiQuery({ name: 'kind', required: false, description: 'access, change or operation' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601, inclusive' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50' })
  async list(@Query() query: Record<string, unknown>): Promise<TrailPage> {
    try {
      return await this.trail.list(parseAuditLogQuery(query));
    } catch (err) {
      if (err instanceof TrailUsageError) throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: [err.message] });
      throw err;
    }
  }
}
