import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { ScimToken } from '../auth/scim-token.decorator.js';
import type { ApiRequest } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';
import { SCIM_CONTENT_TYPE } from './scim-error.response.js';

type Json = Record<string, unknown>;

/** The SCIM routes run their use cases as the SCIM client, once its token is checked (the guard). */
const scimCaller = (req: ApiRequest): Partial<UseCaseContext> => ({ actor: { type: 'system', id: 'scim' }, correlationId: req.id, sourceAddress: req.ip });

/**
 * SCIM 2.0 inbound (RFC 7643/7644) for Entra ID and HR integrations: users created, replaced, patched and deactivated
 * become HR events. Opened by the SCIM token only. Described by SCIM's own discovery routes (ServiceProviderConfig,
 * Schemas, ResourceTypes) and docs/scim.md rather than the OpenAPI document, which covers Vigie's own API.
 */
@ApiExcludeController()
@ScimToken()
@Controller('scim/v2')
export class ScimController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get('Users')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  list(@Query() query: Json, @Req() req: ApiRequest): Promise<Json> {
    // Only what Vigie answers is read: attributes, excludedAttributes, sortBy are ignored, as RFC 7644 allows.
    const { filter, startIndex, count } = query as { filter?: string; startIndex?: string; count?: string };
    return this.vigie.run('read-scim-users', { filter, startIndex, count }, scimCaller(req));
  }

  @Get('Users/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  show(@Param('id') id: string, @Req() req: ApiRequest): Promise<Json> {
    return this.vigie.run('read-scim-users', { id }, scimCaller(req));
  }

  @Post('Users')
  @HttpCode(201)
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  async create(@Body() body: unknown, @Req() req: ApiRequest): Promise<Json> {
    return (await this.vigie.run('write-scim-user', { operation: 'create', body }, scimCaller(req)))!;
  }

  @Put('Users/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  async replace(@Param('id') id: string, @Body() body: unknown, @Req() req: ApiRequest): Promise<Json> {
    return (await this.vigie.run('write-scim-user', { operation: 'replace', id, body }, scimCaller(req)))!;
  }

  @Patch('Users/:id')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  async patch(@Param('id') id: string, @Body() body: unknown, @Req() req: ApiRequest): Promise<Json> {
    return (await this.vigie.run('write-scim-user', { operation: 'patch', id, body }, scimCaller(req)))!;
  }

  @Delete('Users/:id')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Req() req: ApiRequest): Promise<void> {
    await this.vigie.run('write-scim-user', { operation: 'delete', id }, scimCaller(req));
  }

  @Post('Bulk')
  @HttpCode(200)
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  bulk(@Body() body: unknown, @Req() req: ApiRequest): Promise<Json> {
    return this.vigie.run('run-scim-bulk', { body }, scimCaller(req));
  }

  @Get('ServiceProviderConfig')
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  serviceProviderConfig(@Req() req: ApiRequest): Promise<Json> {
    return this.vigie.run('describe-scim-service', { document: 'ServiceProviderConfig' }, scimCaller(req));
  }

  @Get(['Schemas', 'Schemas/:id'])
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  schemas(@Param('id') id: string | undefined, @Req() req: ApiRequest): Promise<Json> {
    return this.vigie.run('describe-scim-service', { document: 'Schemas', id }, scimCaller(req));
  }

  @Get(['ResourceTypes', 'ResourceTypes/:id'])
  @Header('Content-Type', SCIM_CONTENT_TYPE)
  resourceTypes(@Param('id') id: string | undefined, @Req() req: ApiRequest): Promise<Json> {
    return this.vigie.run('describe-scim-service', { document: 'ResourceTypes', id }, scimCaller(req));
  }
}
