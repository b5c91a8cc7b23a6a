import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type UseCaseContext, type Vigie, acceptRiskBody, acknowledgeBody } from '#vigie/application';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { preferredLang } from '../http/preferred-lang.js';
import { openApiSchema } from '../openapi/zod-openapi.js';
import { Caller, asInput } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';
import {
  type FindingDetailResponse,
  FindingDetailSchema,
  type FindingStateResponse,
  FindingStateSchema,
  type FindingsPageResponse,
  FindingsPageSchema,
  toFindingDetailResponse,
  toFindingStateResponse,
  toFindingsPageResponse,
} from './findings.responses.js';

@ApiTags('findings')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api/findings')
export class FindingsController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get()
  @RequireAbility('read', 'Finding')
  @ApiOperation({
    summary: 'Current findings (latest successful audit run), most severe first, a page at a time',
    description:
      'Page with `nextCursor`: pass it back as `cursor` for the next page. A cursor stays on the audit run its first page came from, ' +
      'so a run completing meanwhile neither repeats nor skips a finding; a page costs the same at any depth. ' +
      '`total` comes free without a filter (counted once per run); with filters it is counted only when `total=true` is asked.',
  })
  @ApiQuery({
    name: 'rule',
    required: false,
    type: 'string',
    description: 'rule ids of the catalogue, comma-separated (H-PWD-NEVER-EXPIRES,G-EXCESS-VS-ROLE); an unknown id is refused',
  })
  @ApiQuery({ name: 'severity', required: false, type: 'string', description: 'critical, high, medium, low, info; comma-separated' })
  @ApiQuery({ name: 'directory', required: false, type: 'string' })
  @ApiQuery({ name: 'login', required: false, type: 'string', description: 'sAMAccountName or uid, case-insensitive' })
  @ApiQuery({ name: 'status', required: false, type: 'string', description: 'open, acknowledged, risk-accepted; comma-separated' })
  @ApiQuery({
    name: 'q',
    required: false,
    type: 'string',
    description: "search: a case-insensitive prefix of the login or of the subject's name (a group, a resource…); up to 128 characters",
  })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false, type: 'string', description: 'nextCursor of the previous page' })
  @ApiQuery({
    name: 'offset',
    required: false,
    deprecated: true,
    description: 'deprecated (its cost grows with it): follow nextCursor instead; not with cursor. Default 0',
    schema: { type: 'integer', minimum: 0, default: 0 },
  })
  @ApiQuery({
    name: 'total',
    required: false,
    description: 'true to count the findings that match the filters (a count over all of them); without a filter the count is always given',
    schema: { type: 'boolean', default: false },
  })
  @ApiOkResponse({ description: 'a page of the current findings, with the audit run they come from', standardSchema: FindingsPageSchema })
  @ApiErrors({
    400: 'a filter is not valid, or unknown (a severity, status or rule id outside the catalogue): the message names it; or the cursor is not one this API gave',
    404: 'the audit run the cursor pages through is no longer kept: start again without a cursor',
  })
  async list(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<FindingsPageResponse> {
    return toFindingsPageResponse(await this.vigie.run('list-findings', asInput(query), caller));
  }

  @Get(':id')
  @RequireAbility('read', 'Finding')
  @ApiOperation({
    summary: 'One current finding: its state, explanation chain, evidence, and why it matters and how to fix it (AD and OpenLDAP steps)',
    description: 'The texts are in `lang`; without it, in French when the Accept-Language header prefers French to English, else in English.',
  })
  @ApiQuery({ name: 'lang', required: false, schema: { type: 'string', enum: ['fr', 'en'] }, description: 'the language of the remediation texts' })
  @ApiOkResponse({ description: 'the finding, from the latest successful audit run', standardSchema: FindingDetailSchema })
  @ApiErrors({ 400: 'lang is neither fr nor en', 404: 'no current finding has this id (it may be resolved: the latest audit no longer found it)' })
  async show(
    @Param('id') id: string,
    @Query('lang') lang: unknown,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Caller() caller: UseCaseContext,
  ): Promise<FindingDetailResponse> {
    return toFindingDetailResponse(await this.vigie.run('show-finding', asInput({ id, lang: lang ?? preferredLang(acceptLanguage) }), caller));
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @RequireAbility('update', 'Finding')
  @ApiOperation({ summary: 'Acknowledge a finding, with a reason' })
  @ApiBody({ schema: openApiSchema(acknowledgeBody, 'input') })
  @ApiOkResponse({ description: 'the finding as it stands now', standardSchema: FindingStateSchema })
  @ApiErrors({ 400: 'the reason is missing or too short, or the finding is resolved', 404: 'no current finding has this id', 409: true })
  async acknowledge(
    @Param('id') id: string,
    @Body() body: Record<string, unknown> | undefined,
    @Caller() caller: UseCaseContext,
  ): Promise<FindingStateResponse> {
    return toFindingStateResponse(await this.vigie.run('decide-on-finding', asInput({ ...body, id, decision: 'acknowledge' }), caller));
  }

  @Post(':id/accept-risk')
  @HttpCode(200)
  @RequireAbility('update', 'Finding')
  @ApiOperation({
    summary:
      'Accept the risk of a finding until a date (YYYY-MM-DD: that whole day, UTC, included; at most a year), with a reason; it reopens when the date passes',
  })
  @ApiBody({ schema: openApiSchema(acceptRiskBody, 'input') })
  @ApiOkResponse({ description: 'the finding as it stands now', standardSchema: FindingStateSchema })
  @ApiErrors({
    400: 'the reason is missing or too short, the date is not a future date within a year, or the finding is resolved',
    404: 'no current finding has this id',
    409: true,
  })
  async acceptRisk(
    @Param('id') id: string,
    @Body() body: Record<string, unknown> | undefined,
    @Caller() caller: UseCaseContext,
  ): Promise<FindingStateResponse> {
    return toFindingStateResponse(await this.vigie.run('decide-on-finding', asInput({ ...body, id, decision: 'accept-risk' }), caller));
  }
}
