import { Controller, Get, Headers, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCookieAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { type UseCaseContext, type Vigie, hrWebhookEventBody } from '#vigie/application';
import { Public } from '../auth/public.decorator.js';
import { RequireAbility } from '../auth/require-ability.decorator.js';
import { Caller, asInput } from '../http/caller.decorator.js';
import { ApiErrors } from '../http/error.responses.js';
import { openApiSchema } from '../openapi/zod-openapi.js';
import { InjectVigie } from '../vigie.provider.js';
import {
  HrEventAcceptedSchema,
  type HrEventAcceptedResponse,
  HrEventSchema,
  type HrEventResponse,
  HrEventsPageSchema,
  type HrEventsPageResponse,
  toHrEventAccepted,
  toHrEventResponse,
  toHrEventsPageResponse,
} from './hr-events.responses.js';

/**
 * HR events (issue 17): the HR system's signed webhook, and the list (with the dead-letter list) and replay for the
 * staff who run Vigie. Each route runs one use case.
 */
@ApiTags('hr-events')
@Controller('api/hr/events')
export class HrEventsController {
  constructor(@InjectVigie() private readonly vigie: Vigie) {}

  /**
   * Public to the staff guard: the HMAC signature is the only credential, checked by the use case on the exact bytes
   * the body middleware kept (hr-webhook-body.middleware.ts).
   */
  @Post()
  @Public()
  @HttpCode(202)
  @ApiOperation({
    summary: 'The HR system sends one event (hire, update, move, leave, cancel), signed with HMAC-SHA256: stored, then applied by the worker on its date',
    description:
      'Sign `<X-Vigie-Timestamp>.<raw body>` with HMAC-SHA256 under the secret of hr.webhook.secretEnv (VIGIE_HR_WEBHOOK_SECRET) and send `X-Vigie-Signature: sha256=<hex>`; ' +
      'a timestamp further than hr.webhook.toleranceSeconds from now is refused (replays). The same eventId twice has one effect (202 with duplicate true). ' +
      'The answer never waits for the directory. See docs/hr-events.md.',
  })
  @ApiHeader({ name: 'X-Vigie-Timestamp', required: true, description: 'unix seconds when the request was signed' })
  @ApiHeader({ name: 'X-Vigie-Signature', required: true, description: 'sha256=<hex of HMAC-SHA256(secret, `<timestamp>.<raw body>`)>' })
  @ApiBody({ schema: openApiSchema(hrWebhookEventBody, 'input') })
  @ApiAcceptedResponse({
    description: 'stored (or stored before: duplicate true); the worker applies it on its effective date',
    standardSchema: HrEventAcceptedSchema,
  })
  @ApiErrors({
    400: 'the body is not JSON, a field is missing or not valid, or the department is not one the policy maps: the message names the field',
    401: 'the signature is missing, wrong, or its timestamp is outside the time window',
    413: 'the body is larger than hr.webhook.maxBodyBytes',
    503: 'the webhook is off: its secret (VIGIE_HR_WEBHOOK_SECRET) or hr.directory is not set',
  })
  async receive(
    @Req() req: { body?: unknown },
    @Headers('x-vigie-timestamp') timestamp: string | undefined,
    @Headers('x-vigie-signature') signature: string | undefined,
    @Caller() caller: UseCaseContext,
  ): Promise<HrEventAcceptedResponse> {
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    return toHrEventAccepted(await this.vigie.run('receive-hr-webhook', { timestamp, signature, body }, caller));
  }

  @Get()
  @ApiBearerAuth()
  @ApiCookieAuth('session')
  @RequireAbility('read', 'HrEvent')
  @ApiOperation({
    summary: 'HR events, newest received first, a page at a time, with their status, actions and last error; status=dead is the dead-letter list',
  })
  @ApiQuery({ name: 'status', required: false, type: 'string', description: 'pending, retrying, done, dead, cancelled; comma-separated' })
  @ApiQuery({ name: 'employeeId', required: false, type: 'string', description: "one person's events" })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } })
  @ApiQuery({ name: 'cursor', required: false, type: 'string', description: 'nextCursor of the previous page' })
  @ApiOkResponse({ description: 'a page of events', standardSchema: HrEventsPageSchema })
  @ApiErrors({ 400: 'a filter is not valid, or unknown, or the cursor is not one this API gave', 401: true, 403: true })
  async list(@Query() query: Record<string, unknown>, @Caller() caller: UseCaseContext): Promise<HrEventsPageResponse> {
    return toHrEventsPageResponse(await this.vigie.run('list-hr-events', asInput(query), caller));
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiCookieAuth('session')
  @RequireAbility('update', 'HrEvent')
  @ApiOperation({
    summary: 'Give a dead (or retrying) event a new start once its cause is fixed: pending again, its tries from zero, handed to the worker when due',
  })
  @ApiParam({ name: 'id', description: "Vigie's id of the event (a UUID)", schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ description: 'the event, pending again', standardSchema: HrEventSchema })
  @ApiErrors({
    400: 'the id is not a UUID',
    401: true,
    403: true,
    404: 'no HR event has this id',
    409: 'the event is not dead nor retrying (pending, done or cancelled), or it changed meanwhile',
  })
  async replay(@Param('id') id: string, @Caller() caller: UseCaseContext): Promise<HrEventResponse> {
    return toHrEventResponse(await this.vigie.run('replay-hr-event', { id }, caller));
  }
}
