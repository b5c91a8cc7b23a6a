import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Vigie } from '#vigie/application';
import { Public } from '../auth/public.decorator.js';
import { InjectVigie } from '../vigie.provider.js';
import { type LivenessResponse, LivenessSchema, type ReadinessResponse, ReadinessSchema } from './health.responses.js';

/** Liveness (the process answers) and readiness (the database answers); the only routes without a token. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ description: 'the process is alive', standardSchema: LivenessSchema })
  live(): LivenessResponse {
    return { status: 'ok' };
  }

  @Get(['ready', ''])
  @ApiOperation({ summary: 'Readiness: the process and its database answer' })
  @ApiOkResponse({ description: 'ready: the database answers', standardSchema: ReadinessSchema })
  @ApiServiceUnavailableResponse({ description: 'not ready: the database does not answer', standardSchema: ReadinessSchema })
  async ready(): Promise<ReadinessResponse> {
    const r = await this.vigie.run('check-readiness', {}, { actor: { type: 'system', id: 'api' } });
    if (!r.ready) throw new ServiceUnavailableException({ status: 'error', checks: r.checks } satisfies ReadinessResponse);
    return { status: 'ok', checks: r.checks };
  }
}
