import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type UseCaseContext, type Vigie, reportRequestInput } from '#vigie/application';
import { openApiSchema } from '../openapi/zod-openapi.js';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { Caller, asInput } from '../http/caller.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { InjectVigie } from '../vigie.provider.js';
import {
  type ReportsPageResponse,
  ReportsPageSchema,
  type StoredReportResponse,
  StoredReportSchema,
  toReportsPageResponse,
  toStoredReportResponse,
} from './reports.responses.js';

@ApiTags('reports')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api/reports')
export class ReportsController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Post()
  @RequireAbility('create', 'Report')
  @ApiOperation({ summary: 'Generate a compliance report (PDF or HTML, French or English) and keep it for download' })
  @ApiBody({ schema: openApiSchema(reportRequestInput, 'input') })
  @ApiCreatedResponse({
    description: 'the stored report, without its bytes: download them from /api/reports/{id}/download',
    standardSchema: StoredReportSchema,
  })
  @ApiErrors({ 400: 'a format, language or date is not valid, or the period ends before it starts' })
  async create(@Body() body: Record<string, unknown> | undefined, @Caller() caller: UseCaseContext): Promise<StoredReportResponse> {
    // The trigger is not the caller's to choose: a report asked for through the API is a manual one.
    return toStoredReportResponse(await this.vigie.run('generate-report', { ...asInput<object>(body), trigger: 'manual' }, caller));
  }

  @Get()
  @RequireAbility('read', 'Report')
  @ApiOperation({ summary: 'The stored compliance reports, newest first, a page at a time' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ description: 'a page of stored reports', standardSchema: ReportsPageSchema })
  @ApiErrors({ 400: 'limit or offset is not valid' })
  async list(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<ReportsPageResponse> {
    return toReportsPageResponse(await this.vigie.run('list-reports', asInput(query), caller));
  }

  @Get(':id/download')
  @RequireAbility('read', 'Report')
  @ApiOperation({ summary: 'A stored report as it was generated: the PDF or HTML file, its SHA-256 as ETag' })
  @ApiProduces('application/pdf', 'text/html')
  @ApiOkResponse({ description: 'the file, as an attachment', schema: { type: 'string', format: 'binary' } })
  @ApiErrors({ 400: 'the id is not a report id', 404: 'no stored report has this id' })
  async download(@Param('id') id: string, @Caller() caller: UseCaseContext, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { report, content, mediaType } = await this.vigie.run('download-report', { id }, caller);
    res.setHeader('ETag', `"${report.sha256}"`);
    return new StreamableFile(content, { type: mediaType, disposition: `attachment; filename="${report.fileName}"`, length: content.length });
  }
}
