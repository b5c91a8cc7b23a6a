import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { EffectiveAccessService, type IdentityAccessView, type ResourceAccessView } from '#vigie/access';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { parseIdentityAccessQuery, parseResourceAccessQuery } from './access-query.dto.js';

@ApiTags('access')
@ApiBearerAuth()
@Controller('api')
export class AccessController {
  constructor(private readonly access: EffectiveAccessService) {}

  @Get('identities/:id/access')
  @RequireAbility('read', 'Access')
  @ApiOperation({ summary: "Every resource an identity's accounts reach, at which level, and how (nesting, primary group, everyone-like groups)" })
  @ApiParam({ name: 'id', description: 'login (sAMAccountName or uid), employee id, or DN (URL-encoded)' })
  @ApiQuery({ name: 'directory', required: false, description: 'needed when the login exists in several directories' })
  identity(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<IdentityAccessView> {
    const { directory } = parseIdentityAccessQuery(query);
    return this.access.identityAccess(id, { directory });
  }

  @Get('resources/:id/access')
  @RequireAbility('read', 'Access')
  @ApiOperation({ summary: 'Who can reach a resource of the policy, at which level, and how; paginated' })
  @ApiParam({ name: 'id', description: 'resource id from the policy (share-finance)' })
  @ApiQuery({ name: 'directory', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50' })
  @ApiQuery({ name: 'offset', required: false, description: 'default 0' })
  resource(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<ResourceAccessView> {
    return this.access.resourceAccess(id, parseResourceAccessQuery(query));
  }
}
