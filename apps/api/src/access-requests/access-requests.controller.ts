import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  type UseCaseContext,
  type Vigie,
  createAccessRequestBody,
  decideAccessRequestBody,
  delegateApprovalsBody,
  revokeAccessGrantBody,
} from '#vigie/application';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { Caller } from '../http/caller.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { openApiSchema } from '../openapi/zod-openapi.js';
import { InjectVigie } from '../vigie.provider.js';
import { callerInput } from './caller-input.js';
import {
  AccessRequestSchema,
  type AccessRequestResponse,
  AccessRequestsPageSchema,
  type AccessRequestsPageResponse,
  CatalogueSchema,
  type CatalogueResponse,
  DelegationSchema,
  type DelegationResponse,
  toAccessRequestResponse,
  toAccessRequestsPageResponse,
  toCatalogueResponse,
  toDelegationResponse,
} from './access-requests.responses.js';

const ID = { name: 'id', description: 'the request id (a UUID)', schema: { type: 'string' as const, format: 'uuid' } };
const REQUEST =
  'the request as it stands now: its stages and decisions, its own expiry (requestExpiresAt) and, once granted, the grant with its end (grant.endsAt)';
const NO_REQUEST = 'no request has this id, or none the caller may see (answered alike)';

/**
 * Access requests (issue 16): what one may ask for, asking, deciding stage by stage, withdrawing, revoking a grant,
 * and delegating one's approvals. Each route runs one use case, which checks the record against the caller (their own
 * requests, their stage): a conditional ability is enough to reach the route.
 */
@ApiTags('access-requests')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api')
export class AccessRequestsController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get('access-catalogue')
  @RequireAbility('create', 'AccessRequest', { conditionsCheckedByUseCase: true })
  @ApiOperation({
    summary: 'What one may ask for: every requestable resource and level, what it gives, whether the policy allows it, who will decide and for how long',
  })
  @ApiQuery({ name: 'for', required: false, type: 'string', description: "the beneficiary's login (sAMAccountName or uid); the caller when absent" })
  @ApiQuery({ name: 'directory', required: false, type: 'string', description: 'needed when the login exists in several directories' })
  @ApiOkResponse({ description: 'the catalogue for the beneficiary', standardSchema: CatalogueSchema })
  @ApiErrors({ 400: 'a query parameter is not valid, or unknown', 404: 'no account has this login' })
  async catalogue(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<CatalogueResponse> {
    return toCatalogueResponse(await this.vigie.run('access-catalogue', callerInput(query), caller));
  }

  @Post('access-requests')
  @HttpCode(201)
  @RequireAbility('create', 'AccessRequest', { conditionsCheckedByUseCase: true })
  @ApiOperation({
    summary: 'Ask for access: a resource and level, why, and for how long (days, or permanent where the policy allows it; else its default length)',
    description:
      'Checked at once against the policy: access its rules do not allow is refused with the reason, or sent to the security officer with a warning where the policy allows exceptions; ' +
      'a separation-of-duties conflict (on effective access, nesting included) is refused.',
  })
  @ApiBody({ schema: openApiSchema(createAccessRequestBody, 'input') })
  @ApiCreatedResponse({ description: `the new request, waiting at its first stage: ${REQUEST}`, standardSchema: AccessRequestSchema })
  @ApiErrors({
    400: 'a field is missing or not valid: justification under 10 characters, days and permanent together, more days than the policy allows, permanent where it does not allow it, a level the resource does not offer',
    404: 'nothing requestable has this id, or no account has the beneficiary login',
    409: 'the policy refuses it for the beneficiary, it would break a separation-of-duties rule, the beneficiary already holds it, or an open request already asks for it: the message says which',
  })
  async create(@Body() body: Record<string, unknown> | undefined, @Caller() caller: UseCaseContext): Promise<AccessRequestResponse> {
    return toAccessRequestResponse(await this.vigie.run('create-access-request', callerInput(body), caller));
  }

  @Get('access-requests')
  @RequireAbility('read', 'AccessRequest', { conditionsCheckedByUseCase: true })
  @ApiOperation({
    summary: 'Access requests, newest first, a page at a time',
    description:
      "mine: made by the caller or for them; to-decide: waiting at a stage the caller may decide (theirs, their delegators', a security officer's); all: every request the caller may read. An API token is nobody: it reads `all` (admin, security officer, auditor) and has no `mine` nor `to-decide`.",
  })
  @ApiQuery({ name: 'view', required: false, description: 'default all', schema: { type: 'string', enum: ['mine', 'to-decide', 'all'], default: 'all' } })
  @ApiQuery({ name: 'status', required: false, type: 'string', description: 'pending, approved, rejected, expired, cancelled; comma-separated' })
  @ApiQuery({ name: 'resource', required: false, type: 'string', description: 'a resource id (or group:<name>)' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false, type: 'string', description: 'nextCursor of the previous page' })
  @ApiOkResponse({ description: 'a page of requests', standardSchema: AccessRequestsPageSchema })
  @ApiErrors({ 400: 'a filter is not valid, or unknown, or the cursor is not one this API gave' })
  async list(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<AccessRequestsPageResponse> {
    return toAccessRequestsPageResponse(await this.vigie.run('list-access-requests', callerInput(query), caller));
  }

  @Get('access-requests/:id')
  @RequireAbility('read', 'AccessRequest', { conditionsCheckedByUseCase: true })
  @ApiOperation({ summary: 'One access request, with its approval chain, the current stage and who may decide it, and its grant' })
  @ApiParam(ID)
  @ApiOkResponse({ description: REQUEST, standardSchema: AccessRequestSchema })
  @ApiErrors({ 400: 'the id is not a UUID', 404: NO_REQUEST })
  async show(@Param('id') id: string, @Caller() caller: UseCaseContext): Promise<AccessRequestResponse> {
    return toAccessRequestResponse(await this.vigie.run('show-access-request', { id }, caller));
  }

  @Post('access-requests/:id/approve')
  @HttpCode(200)
  @RequireAbility('decide', 'AccessRequest', { conditionsCheckedByUseCase: true })
  @ApiOperation({
    summary: 'Approve the current stage, with a comment: the next stage opens, or after the last one the grant is provisioned to the directory',
    description: 'Only an approver of the current stage (or their deputy), or a security officer at theirs, as a person; nobody decides their own request.',
  })
  @ApiParam(ID)
  @ApiBody({ schema: openApiSchema(decideAccessRequestBody, 'input') })
  @ApiOkResponse({ description: REQUEST, standardSchema: AccessRequestSchema })
  @ApiErrors({
    400: 'the comment is missing or under 3 characters, or the id is not a UUID',
    404: NO_REQUEST,
    409: 'the request no longer waits (decided, expired, cancelled), or another decision changed it meanwhile',
  })
  async approve(@Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Caller() caller: UseCaseContext): Promise<AccessRequestResponse> {
    return toAccessRequestResponse(await this.vigie.run('decide-access-request', callerInput({ ...body, id, decision: 'approve' }), caller));
  }

  @Post('access-requests/:id/reject')
  @HttpCode(200)
  @RequireAbility('decide', 'AccessRequest', { conditionsCheckedByUseCase: true })
  @ApiOperation({ summary: 'Reject the request at the current stage, with a comment: it ends there and nothing is granted' })
  @ApiParam(ID)
  @ApiBody({ schema: openApiSchema(decideAccessRequestBody, 'input') })
  @ApiOkResponse({ description: REQUEST, standardSchema: AccessRequestSchema })
  @ApiErrors({
    400: 'the comment is missing or under 3 characters, or the id is not a UUID',
    404: NO_REQUEST,
    409: 'the request no longer waits (decided, expired, cancelled), or another decision changed it meanwhile',
  })
  async reject(@Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Caller() caller: UseCaseContext): Promise<AccessRequestResponse> {
    return toAccessRequestResponse(await this.vigie.run('decide-access-request', callerInput({ ...body, id, decision: 'reject' }), caller));
  }

  @Post('access-requests/:id/cancel')
  @HttpCode(200)
  @RequireAbility('create', 'AccessRequest', { conditionsCheckedByUseCase: true })
  @ApiOperation({ summary: 'Withdraw a pending request (its requester)' })
  @ApiParam(ID)
  @ApiOkResponse({ description: REQUEST, standardSchema: AccessRequestSchema })
  @ApiErrors({ 400: 'the id is not a UUID', 404: NO_REQUEST, 409: 'the request no longer waits: revoke its grant instead if it was approved' })
  async cancel(@Param('id') id: string, @Caller() caller: UseCaseContext): Promise<AccessRequestResponse> {
    return toAccessRequestResponse(await this.vigie.run('cancel-access-request', { id }, caller));
  }

  @Post('access-requests/:id/revoke')
  @HttpCode(200)
  @RequireAbility('decide', 'AccessRequest', { conditionsCheckedByUseCase: true })
  @ApiOperation({
    summary: "End a grant before its time, with a reason (a security officer, or the resource's owner): the membership is removed from the directory",
  })
  @ApiParam(ID)
  @ApiBody({ schema: openApiSchema(revokeAccessGrantBody, 'input') })
  @ApiOkResponse({ description: `${REQUEST}; the grant is removing until the directory confirms it`, standardSchema: AccessRequestSchema })
  @ApiErrors({
    400: 'the reason is missing or under 10 characters, or the id is not a UUID',
    404: NO_REQUEST,
    409: 'the request has no grant that is still running',
  })
  async revoke(@Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Caller() caller: UseCaseContext): Promise<AccessRequestResponse> {
    return toAccessRequestResponse(await this.vigie.run('revoke-access-grant', callerInput({ ...body, id }), caller));
  }

  @Post('delegations')
  @HttpCode(201)
  @RequireAbility('decide', 'AccessRequest', { conditionsCheckedByUseCase: true })
  @ApiOperation({ summary: 'Name a deputy who decides for the caller from `from` (now by default) until a date (at most 90 days): holidays' })
  @ApiBody({ schema: openApiSchema(delegateApprovalsBody, 'input') })
  @ApiCreatedResponse({ description: 'the delegation', standardSchema: DelegationSchema })
  @ApiErrors({
    400: 'the deputy or a date is missing or not valid, the period is longer than 90 days, or the deputy is the caller',
    404: 'no account has the deputy login',
  })
  async delegate(@Body() body: Record<string, unknown> | undefined, @Caller() caller: UseCaseContext): Promise<DelegationResponse> {
    return toDelegationResponse(await this.vigie.run('delegate-approvals', callerInput(body), caller));
  }
}
