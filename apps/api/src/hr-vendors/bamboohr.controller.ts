import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Vigie } from '#vigie/application';
import { VigieError } from '#vigie/common';
import { checkBambooHrSignature, hrEventsOfBambooHr } from '#vigie/hr';
import { Public } from '../auth/public.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { InjectVigie } from '../vigie.provider.js';
import { BambooHrReceivedSchema, type BambooHrReceivedResponse } from './bamboohr.responses.js';

/** The path BambooHR posts to; its body is kept raw (rawBody middleware) for the signature. */
export const BAMBOOHR_WEBHOOK_PATH = '/api/hr/bamboohr';

/**
 * BambooHR's webhooks (docs/hr-bamboohr.md): opened by the signature of the webhook's private key alone (no token,
 * no session: that key opens nothing else), each employee entry stored as an HR event before the answer, applied by
 * the worker. BambooHR tries a delivery again on any answer but 2xx.
 */
@ApiTags('hr')
@Controller('api/hr')
export class BambooHrController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  @Post('bamboohr')
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: "A BambooHR webhook delivery (field-based or event-based), signed with the webhook's private key",
    description:
      'X-BambooHR-Signature is the hex HMAC-SHA256, keyed with the private key, of the raw body followed by X-BambooHR-Timestamp, which must be within ' +
      'hr.webhook.toleranceSeconds of now. Each employee entry becomes an HR event (source bamboohr, eventId = employee:action:timestamp, so a delivery ' +
      'sent again changes nothing); an entry that carries too few fields is stored as a notification whose details the worker fetches from the BambooHR API.',
  })
  @ApiHeader({ name: 'X-BambooHR-Timestamp', required: true, description: 'when BambooHR sent it (Unix seconds or ISO 8601)' })
  @ApiHeader({ name: 'X-BambooHR-Signature', required: true, description: 'hex HMAC-SHA256 of the body followed by the timestamp' })
  @ApiBody({ schema: { type: 'object', description: 'as BambooHR posts it: {"employees": [...]} or {"type": "employee.…", "data": {...}}' } })
  @ApiAcceptedResponse({
    description: 'every entry stored (or already stored) as an HR event, to be applied by the worker',
    standardSchema: BambooHrReceivedSchema,
  })
  @ApiErrors({
    400: 'the body is not JSON, or not a BambooHR webhook: the message names the field at fault',
    401: 'a signature header is missing, the timestamp is out of the window, or the signature does not match',
    413: 'the body is larger than hr.webhook.maxBodyBytes',
    404: 'hr.bamboohr is not set up',
    503: 'hr.directory is not set (HR events are not taken), or the database cannot be reached',
  })
  async receive(
    @Req() req: Request & { id?: string },
    @Headers('x-bamboohr-timestamp') timestamp: string | undefined,
    @Headers('x-bamboohr-signature') signature: string | undefined,
  ): Promise<BambooHrReceivedResponse> {
    const { hr } = this.vigie.config;
    if (!hr.bamboohr?.webhookKey) {
      // Not set up: the route is not there (as the OIDC sign-in without a provider), whatever is sent.
      throw new VigieError('not-found', 'BambooHR webhooks are not set up here: set hr.bamboohr and its keys (docs/hr-bamboohr.md)');
    }
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    checkBambooHrSignature({ body, timestamp, signature }, hr.bamboohr.webhookKey, new Date(), hr.webhook.toleranceSeconds);
    const events = hrEventsOfBambooHr(jsonOf(body));
    const context = { actor: { type: 'system' as const, id: 'bamboohr' }, correlationId: req.id, sourceAddress: req.ip };
    const received = [];
    for (const event of events) received.push(await this.vigie.run('receive-hr-event', event, context));
    return { events: received.map((r, i) => ({ eventId: events[i].eventId, id: r.id, duplicate: r.duplicate })) };
  }
}

function jsonOf(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new VigieError('invalid-input', 'the body: expected JSON (set the webhook to post JSON in BambooHR)');
  }
}
