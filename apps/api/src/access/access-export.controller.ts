import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessCsv } from '#vigie/access';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { CSV_DIALECTS } from '#vigie/common';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { csvQuery, startCsv } from '../findings/findings-export.controller.js';
import { ApiErrors } from '../http/error.responses.js';
import { Caller, asInput } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';

/** Holders a page of the resource export reads at a time. */
const PAGE = 500;
const LANG_QUERY = { name: 'lang', required: false, schema: { type: 'string' as const, enum: ['fr', 'en'], default: 'en' } };
const DIALECT_QUERY = {
  name: 'dialect',
  required: false,
  schema: { type: 'string' as const, enum: [...CSV_DIALECTS] },
  description: 'default: excel (";", UTF-8 byte order mark) for fr, standard (",") for en',
};
const CSV_CONTENT = { 'text/csv': { schema: { type: 'string' as const } } };

/** Effective access as CSV for a spreadsheet: French Excel opens `lang=fr` as it is. */
@ApiTags('access')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api')
export class AccessExportController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get('identities/:id/access.csv')
  @RequireAbility('read', 'Access', { conditionsCheckedByUseCase: true })
  @ApiOperation({ summary: "An identity's effective access as CSV: one row per account, resource, level and granting group, with the chain" })
  @ApiParam({ name: 'id', description: 'login (sAMAccountName or uid), employee id, or DN (URL-encoded)' })
  @ApiQuery({ name: 'directory', required: false, type: 'string' })
  @ApiQuery(LANG_QUERY)
  @ApiQuery(DIALECT_QUERY)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the CSV file', content: CSV_CONTENT })
  @ApiErrors({
    400: 'a query parameter is not valid, or unknown',
    404: 'no account the caller may see has this id',
    409: 'the login exists in several directories',
  })
  async identity(@Param('id') id: string, @Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext, @Res() res: Response): Promise<void> {
    const { lang, dialect, rest } = csvQuery(query);
    const view = await this.vigie.run('identity-access', asInput({ ...rest, identity: id }), caller);
    const csv = new AccessCsv(dialect, lang);
    startCsv(res, 'access.csv');
    res.write(csv.start());
    for (const account of view.accounts) for (const a of account.access) res.write(csv.rows(account, a.resource, a.entitlements));
    res.end();
  }

  @Get('resources/:id/access.csv')
  @RequireAbility('read', 'Access')
  @ApiOperation({ summary: 'Who can reach a resource, as CSV: one row per holder, level and granting group, with the chain' })
  @ApiParam({ name: 'id', description: 'resource id from the policy (share-finance)' })
  @ApiQuery({ name: 'directory', required: false, type: 'string' })
  @ApiQuery(LANG_QUERY)
  @ApiQuery(DIALECT_QUERY)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the CSV file, every holder', content: CSV_CONTENT })
  @ApiErrors({ 400: 'a query parameter is not valid, or unknown', 404: 'the policy has no resource with this id' })
  async resource(@Param('id') id: string, @Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext, @Res() res: Response): Promise<void> {
    const { lang, dialect, rest } = csvQuery(query);
    let view = await this.vigie.run('resource-access', asInput({ ...rest, resource: id, limit: PAGE, offset: 0 }), caller);
    const csv = new AccessCsv(dialect, lang);
    startCsv(res, 'access.csv');
    res.write(csv.start());
    try {
      for (;;) {
        for (const holder of view.holders) res.write(csv.rows(holder, view.resource, holder.entitlements));
        const offset = view.offset + view.holders.length;
        if (!view.holders.length || offset >= view.total) break;
        view = await this.vigie.run('resource-access', asInput({ ...rest, resource: id, limit: PAGE, offset }), caller);
      }
      res.end();
    } catch (err) {
      res.destroy(err as Error);
    }
  }
}
