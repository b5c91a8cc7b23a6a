import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { Caller, asInput } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';
import {
  type DirectoryChangesPageResponse,
  DirectoryChangesPageSchema,
  type SyncRunsPageResponse,
  SyncRunsPageSchema,
  toDirectoryChangesPage,
  toSyncRunsPage,
} from './directory-changes.responses.js';

const LIMIT = {
  name: 'limit',
  required: false,
  description: '1 to 500, default 50',
  schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
} as const;
const CURSOR = { name: 'cursor', required: false, type: 'string', description: 'nextCursor of the previous page' } as const;

@ApiTags('directory-changes')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api')
export class DirectoryChangesController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get('directory-changes')
  @RequireAbility('read', 'SyncRun')
  @ApiOperation({ summary: 'What each sync changed (entries and group memberships), newest first, by directory, object and time range' })
  @ApiQuery({ name: 'directory', required: false, type: 'string' })
  @ApiQuery({ name: 'object', required: false, type: 'string', description: 'a DN, or a login or name (any case): the entry, or a group or member' })
  @ApiQuery({ name: 'from', required: false, type: 'string', description: 'ISO 8601 date or time: runs finished from then' })
  @ApiQuery({ name: 'to', required: false, type: 'string', description: 'ISO 8601 date or time: runs finished until then' })
  @ApiQuery({ name: 'kind', required: false, type: 'string', description: 'object, membership (comma-separated)' })
  @ApiQuery({ name: 'action', required: false, type: 'string', description: 'added, modified, moved, removed (comma-separated)' })
  @ApiQuery(LIMIT)
  @ApiQuery(CURSOR)
  @ApiOkResponse({ description: 'a page of changes, newest run first', standardSchema: DirectoryChangesPageSchema })
  @ApiErrors({ 400: 'a query parameter is not valid, or unknown, or the cursor is not one this API gave' })
  async changes(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<DirectoryChangesPageResponse> {
    return toDirectoryChangesPage(await this.vigie.run('list-directory-changes', asInput(query), caller));
  }

  @Get('sync-runs')
  @RequireAbility('read', 'SyncRun')
  @ApiOperation({ summary: 'The sync runs, newest started first, with their outcome and counts' })
  @ApiQuery({ name: 'directory', required: false, type: 'string' })
  @ApiQuery(LIMIT)
  @ApiQuery(CURSOR)
  @ApiOkResponse({ description: 'a page of sync runs, newest first', standardSchema: SyncRunsPageSchema })
  @ApiErrors({ 400: 'a query parameter is not valid, or unknown, or the cursor is not one this API gave' })
  async runs(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<SyncRunsPageResponse> {
    return toSyncRunsPage(await this.vigie.run('list-sync-runs', asInput(query), caller));
  }
}
