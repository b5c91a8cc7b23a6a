import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { FindingsCsv } from '#vigie/audit';
import { CSV_DIALECTS, type CsvDialect, VigieError, csvDialectFor } from '#vigie/common';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { Caller, asInput } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';

/** Findings a page of the export reads at a time: memory stays bounded however many the run holds. */
const PAGE = 500;

/** `lang` and `dialect` of a CSV route, the rest of the query left to the use case. */
export function csvQuery(query: Record<string, unknown>): { lang: 'fr' | 'en'; dialect: CsvDialect; rest: Record<string, unknown> } {
  const { lang = 'en', dialect, ...rest } = query;
  if (lang !== 'fr' && lang !== 'en') throw new VigieError('invalid-input', 'lang: expected fr or en');
  if (dialect !== undefined && !(CSV_DIALECTS as readonly unknown[]).includes(dialect)) {
    throw new VigieError('invalid-input', 'dialect: expected excel (semicolons and a byte order mark, for French Excel) or standard (commas)');
  }
  return { lang, dialect: csvDialectFor(lang, dialect as CsvDialect | undefined), rest };
}

export function startCsv(res: Response, filename: string): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
}

@ApiTags('findings')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api/findings')
export class FindingsExportController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get('export.csv')
  @RequireAbility('read', 'Finding')
  @ApiOperation({
    summary: 'Every current finding matching the filters, as CSV (French Excel with lang=fr)',
    description:
      'Same filters as GET /api/findings. `lang=fr` gives French headers and the excel dialect (`;`, UTF-8 byte order mark, CRLF); ' +
      '`dialect=standard|excel` overrides it. Streamed a page at a time from one audit run.',
  })
  @ApiQuery({ name: 'rule', required: false, type: 'string' })
  @ApiQuery({ name: 'severity', required: false, type: 'string' })
  @ApiQuery({ name: 'directory', required: false, type: 'string' })
  @ApiQuery({ name: 'login', required: false, type: 'string' })
  @ApiQuery({ name: 'status', required: false, type: 'string' })
  @ApiQuery({ name: 'lang', required: false, schema: { type: 'string', enum: ['fr', 'en'], default: 'en' } })
  @ApiQuery({ name: 'dialect', required: false, schema: { type: 'string', enum: [...CSV_DIALECTS] }, description: 'default: excel for fr, standard for en' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'one finding a row, with its state', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors({ 400: 'a filter, lang or dialect is not valid, or unknown' })
  async export(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext, @Res() res: Response): Promise<void> {
    const { lang, dialect, rest } = csvQuery(query);
    for (const key of ['limit', 'offset', 'cursor', 'total']) {
      if (key in rest) throw new VigieError('invalid-input', `${key}: the export gives every matching finding; page through GET /api/findings instead`);
    }
    // The first page is read before any byte is sent: a bad filter is still a 400.
    let page = await this.vigie.run('list-findings', asInput({ ...rest, limit: PAGE }), caller);
    const csv = new FindingsCsv({ lang, dialect, withState: true });
    startCsv(res, 'findings.csv');
    res.write(csv.start());
    try {
      for (;;) {
        res.write(csv.rows(page.findings, page.asOf ?? '', page.policyVersion ?? ''));
        if (!page.nextCursor) break;
        page = await this.vigie.run('list-findings', asInput({ ...rest, limit: PAGE, cursor: page.nextCursor }), caller);
      }
      res.end();
    } catch (err) {
      // The status is sent: cut the download short rather than let a partial file look complete.
      res.destroy(err as Error);
    }
  }
}
