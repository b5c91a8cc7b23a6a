import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { TRAIL_KINDS } from '#vigie/trail';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { Caller, asInput } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';
import {
  type TrailPageResponse,
  TrailPageSchema,
  type TrailVerificationStatusResponse,
  TrailVerificationStatusSchema,
  toTrailVerificationStatus,
} from './audit-log.responses.js';

@ApiTags('audit-log')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api/audit-log')
export class AuditLogController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get()
  @RequireAbility('read', 'AuditLog')
  @ApiOperation({ summary: 'The trail (audit log), newest first, with a cursor for the next page' })
  @ApiQuery({ name: 'actor', required: false, type: 'string', description: 'token id, job name (sync, audit, cli) or a person’s login or employee id' })
  @ApiQuery({
    name: 'target',
    required: false,
    type: 'string',
    description: 'target id (e.g. corp:uid=jdupont,ou=people,dc=acme, a token id, a directory) or a person’s login or employee id',
  })
  @ApiQuery({ name: 'action', required: false, type: 'string', description: 'exact action (auth.failed) or prefix (auth.*)' })
  @ApiQuery({ name: 'kind', required: false, description: 'access, change or operation', schema: { type: 'string', enum: [...TRAIL_KINDS] } })
  @ApiQuery({ name: 'from', required: false, type: 'string', description: 'ISO 8601 date or time, inclusive' })
  @ApiQuery({ name: 'to', required: false, type: 'string', description: 'ISO 8601 date or time, inclusive' })
  @ApiQuery({ name: 'cursor', required: false, type: 'string', description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiOkResponse({ description: 'a page of trail entries, newest first', standardSchema: TrailPageSchema })
  @ApiErrors({ 400: 'a query parameter is not valid, or unknown, or the cursor is not one this API gave' })
  list(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<TrailPageResponse> {
    return this.vigie.run('query-trail', asInput(query), caller);
  }

  @Get('verification')
  @RequireAbility('read', 'AuditLog')
  @ApiOperation({ summary: "The trail's verification status: its latest checkpoints, and whether each chain verifies from them (checked now)" })
  @ApiOkResponse({ description: 'the verification status, checked at the time of the request', standardSchema: TrailVerificationStatusSchema })
  async verification(@Caller() caller: UseCaseContext): Promise<TrailVerificationStatusResponse> {
    return toTrailVerificationStatus(await this.vigie.run('trail-verification-status', {}, caller));
  }
}
