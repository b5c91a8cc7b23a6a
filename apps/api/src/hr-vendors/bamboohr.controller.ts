import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { UseCaseContext, Vigie } from '#vigie/application';
import { Public } from '../auth/public.decorator.js';
import { Caller } from '../http/caller.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { InjectVigie } from '../vigie.provider.js';
import { BambooHrReceivedSchema, type BambooHrReceivedResponse } from './bamboohr.responses.js';

/** The path BambooHR posts to; its body is kept raw (hr-webhook-body middleware) for the signature. */
export const BAMBOOHR_WEBHOOK_PATH = '/api/hr/bamboohr';

/**
 * BambooHR's webhooks (docs/hr-bamboohr.md). Public to the staff guard: the signature of the webhook's private key is
 * the only credential, checked by the use case on the exact bytes kept. BambooHR sends a delivery again on any answer
 * but 2xx.
 */
@ApiTags('hr-events')
@Controller('api/hr')
export class BambooHrController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Post('bamboohr')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: "A BambooHR webhook delivery (field-based or event-based, JSON), signed with the webhook's private key: each employee entry stored as an HR event",
    description:
      'X-BambooHR-Signature is the hex HMAC-SHA256, keyed with the private key (hr.bamboohr.webhookKeyEnv), of the raw body followed by X-BambooHR-Timestamp, ' +
      'which must be within hr.webhook.toleranceSeconds of now. Each employee entry becomes an HR event of source bamboohr whose eventId is ' +
      '`<employee id>:<created|updated|deleted>:<timestamp>`, so a delivery sent again changes nothing; an entry that carries too few fields is stored as a ' +
      "notification (fetchDetails) whose details the worker asks BambooHR's API for. See docs/hr-bamboohr.md.",
  })
  @ApiHeader({ name: 'X-BambooHR-Timestamp', required: true, description: 'when BambooHR sent it (Unix seconds or ISO 8601)' })
  @ApiHeader({ name: 'X-BambooHR-Signature', required: true, description: 'hex HMAC-SHA256 of the raw body followed by the timestamp' })
  @ApiBody({
    schema: {
      type: 'object',
      description:
        'as BambooHR posts it: {"employees": [{id, action, timestamp, changedFields, fields}]} or {"type": "employee.…", "timestamp", "data": {...}}',
    },
  })
  @ApiAcceptedResponse({
    description: 'every entry stored (or stored before: duplicate true); the worker applies them on their dates',
    standardSchema: BambooHrReceivedSchema,
  })
  @ApiErrors({
    400: 'the body is not JSON, or not a BambooHR delivery, or an entry is not a valid HR event (a department the policy does not map): the message names the field',
    401: 'a signature header is missing, the timestamp is outside the time window, or the signature does not match',
    413: 'the body is larger than hr.webhook.maxBodyBytes',
    503: "BambooHR's webhooks are off (hr.bamboohr or its webhook key is not set), or hr.directory is not set",
  })
  async receive(
    @Req() req: { body?: unknown },
    @Headers('x-bamboohr-timestamp') timestamp: string | undefined,
    @Headers('x-bamboohr-signature') signature: string | undefined,
    @Caller() caller: UseCaseContext,
  ): Promise<BambooHrReceivedResponse> {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return this.vigie.run('receive-bamboohr-webhook', { timestamp, signature, body }, caller);
  }
}
