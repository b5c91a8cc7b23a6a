import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { Caller, asInput } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';
import {
  type IdentityAccessResponse,
  IdentityAccessSchema,
  type IdentitySearchPageResponse,
  IdentitySearchPageSchema,
  type ResourceAccessResponse,
  ResourceAccessSchema,
} from './access.responses.js';
import { IdentitySchema, type IdentityResponse, toIdentityResponse } from './identity.responses.js';
import { ResourceDetailSchema, type ResourceDetailResponse, ResourcePageSchema, type ResourcePageResponse } from './resources.responses.js';

@ApiTags('access')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api')
export class AccessController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get('identities')
  // An employee finds their own account only: the use case checks each account against the caller's conditions.
  @RequireAbility('read', 'Access', { conditionsCheckedByUseCase: true })
  @ApiOperation({ summary: 'Accounts of every directory by the start of a login, display name, employee id or mail (any case), a page at a time' })
  @ApiQuery({ name: 'q', required: false, type: 'string', description: 'the start of a login, display name, employee id or mail; every account when absent' })
  @ApiQuery({ name: 'directory', required: false, type: 'string' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false, type: 'string', description: 'nextCursor of the previous page' })
  @ApiOkResponse({ description: 'a page of accounts, by directory and DN', standardSchema: IdentitySearchPageSchema })
  @ApiErrors({ 400: 'a query parameter is not valid, or unknown, or the cursor is not one this API gave' })
  search(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<IdentitySearchPageResponse> {
    return this.vigie.run('search-identities', asInput(query), caller);
  }

  @Get('identities/:id')
  // An employee may read their own page: the use case answers another identity as a missing one (404).
  @RequireAbility('read', 'Access', { conditionsCheckedByUseCase: true })
  @ApiOperation({
    summary:
      "An identity's accounts in every directory (same employee id), the groups of each and how each is held, its current findings, its access requests and its HR history",
  })
  @ApiParam({ name: 'id', description: 'login (sAMAccountName or uid), employee id, or DN (URL-encoded)' })
  @ApiQuery({ name: 'directory', required: false, type: 'string', description: 'needed when the login exists in several directories' })
  @ApiOkResponse({ description: 'the identity as the desk shows it (effective access: GET /api/identities/{id}/access)', standardSchema: IdentitySchema })
  @ApiErrors({
    400: 'a query parameter is not valid, or unknown',
    404: 'no account has this login, employee id or DN (or none the caller may see: an employee sees only their own), or the directory named is not synchronised',
    409: 'the login exists in several directories: name one with ?directory=',
  })
  async show(@Param('id') id: string, @Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<IdentityResponse> {
    return toIdentityResponse(await this.vigie.run('show-identity', asInput({ ...query, identity: id }), caller));
  }

  @Get('identities/:id/access')
  // An employee may read their own access: the use case answers another identity as a missing one (404).
  @RequireAbility('read', 'Access', { conditionsCheckedByUseCase: true })
  @ApiOperation({ summary: "Every resource an identity's accounts reach, at which level, and how (nesting, primary group, everyone-like groups)" })
  @ApiParam({ name: 'id', description: 'login (sAMAccountName or uid), employee id, or DN (URL-encoded)' })
  @ApiQuery({ name: 'directory', required: false, type: 'string', description: 'needed when the login exists in several directories' })
  @ApiOkResponse({ description: "each of the identity's accounts, with the resources it reaches and how", standardSchema: IdentityAccessSchema })
  @ApiErrors({
    400: 'a query parameter is not valid, or unknown',
    404: 'no account has this login, employee id or DN (or none the caller may see: an employee sees only their own), or the directory named is not synchronised',
    409: 'the login exists in several directories: name one with ?directory=',
  })
  identity(@Param('id') id: string, @Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<IdentityAccessResponse> {
    return this.vigie.run('identity-access', asInput({ ...query, identity: id }), caller);
  }

  @Get('resources')
  @RequireAbility('read', 'Access')
  @ApiOperation({ summary: "The policy's resources, filtered, by id, a page at a time" })
  @ApiQuery({ name: 'q', required: false, type: 'string', description: 'part of the id or name, any case' })
  @ApiQuery({ name: 'type', required: false, type: 'string', description: 'resource types, comma-separated (share, application...)' })
  @ApiQuery({ name: 'criticality', required: false, type: 'string', description: 'criticalities, comma-separated' })
  @ApiQuery({
    name: 'personalData',
    required: false,
    schema: { type: 'string', enum: ['true', 'false'] },
    description: 'true: only resources holding personal data',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false, type: 'string', description: 'nextCursor of the previous page' })
  @ApiOkResponse({ description: 'a page of resources, by id', standardSchema: ResourcePageSchema })
  @ApiErrors({ 400: 'a query parameter is not valid, or unknown, or the cursor is not one this API gave' })
  resources(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<ResourcePageResponse> {
    return this.vigie.run('list-resources', asInput(query), caller);
  }

  @Get('resources/:id')
  @RequireAbility('read', 'Access')
  @ApiOperation({ summary: 'One resource of the policy (who holds it: GET /api/resources/{id}/access)' })
  @ApiParam({ name: 'id', description: 'resource id from the policy (share-finance)' })
  @ApiOkResponse({ description: 'the resource, as the policy describes it', standardSchema: ResourceDetailSchema })
  @ApiErrors({ 400: 'a query parameter is not valid, or unknown', 404: 'the policy has no resource with this id' })
  showResource(@Param('id') id: string, @Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<ResourceDetailResponse> {
    return this.vigie.run('show-resource', asInput({ ...query, resource: id }), caller);
  }

  @Get('resources/:id/access')
  @RequireAbility('read', 'Access')
  @ApiOperation({ summary: 'Who can reach a resource of the policy, at which level, and how; paginated' })
  @ApiParam({ name: 'id', description: 'resource id from the policy (share-finance)' })
  @ApiQuery({ name: 'directory', required: false, type: 'string' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'offset', required: false, description: 'default 0', schema: { type: 'integer', minimum: 0, default: 0 } })
  @ApiOkResponse({ description: 'the grants of the resource, who holds it (a page) and how', standardSchema: ResourceAccessSchema })
  @ApiErrors({ 400: 'a query parameter is not valid, or unknown', 404: 'the policy has no resource with this id, or the directory named is not synchronised' })
  resource(@Param('id') id: string, @Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<ResourceAccessResponse> {
    return this.vigie.run('resource-access', asInput({ ...query, resource: id }), caller);
  }
}
