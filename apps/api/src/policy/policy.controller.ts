import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { Caller } from '../http/caller.decorator.js';
import { InjectVigie } from '../vigie.provider.js';
import { type PolicyInForceResponse, PolicyInForceSchema, toPolicyInForce } from './policy.responses.js';

@ApiTags('policy')
@ApiBearerAuth()
@ApiCookieAuth('session')
@ApiErrors({ 401: true, 403: true, 503: true })
@Controller('api/policy')
export class PolicyController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get()
  @RequireAbility('read', 'Policy')
  @ApiOperation({ summary: 'The policy in force: the directory now, the last valid version stored (the one audits use), the last failed load' })
  @ApiOkResponse({ description: 'the policy in force', standardSchema: PolicyInForceSchema })
  async show(@Caller() caller: UseCaseContext): Promise<PolicyInForceResponse> {
    return toPolicyInForce(await this.vigie.run('show-policy', {}, caller));
  }
}
