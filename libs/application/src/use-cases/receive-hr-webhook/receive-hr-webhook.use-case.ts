import * as z from 'zod';
import type { SignInAttempts } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import type { HrEventStatus } from '#vigie/hr';
import type { VigieLogger } from '#vigie/logging';
import { describeInputIssues } from '../../composition/input-issues.js';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { hrWebhookEventBody } from '../receive-hr-event/receive-hr-event.input.js';
import type { ReceiveHrEvent } from '../receive-hr-event/receive-hr-event.use-case.js';
import { admitSignedDelivery, type SignedRoute } from '../shared/signed-delivery.js';
import { type WebhookSignatureSettings, signatureRefusal } from './hr-webhook-signature.js';

export const receiveHrWebhookInput = z
  .object({
    /** X-Vigie-Timestamp: unix seconds. */
    timestamp: z.string().max(64).optional(),
    /** X-Vigie-Signature: `sha256=<hex>`. */
    signature: z.string().max(512).optional(),
    /** The body's exact bytes, as they were signed. */
    body: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected the body as bytes'),
  })
  .strict();

export interface HrWebhookSettings extends WebhookSignatureSettings {
  /** config hr.webhook.secretEnv: what the operator sets. */
  secretEnv: string;
  maxBodyBytes: number;
}

export interface HrWebhookAnswer {
  id: string;
  status: HrEventStatus;
  duplicate: boolean;
}

const WEBHOOK: SignedRoute = {
  route: 'POST /api/hr/events',
  label: 'HR webhook',
  refused:
    'the HR event is refused: its signature is missing, not valid, or outside the time window; sign `<timestamp>.<body>` with HMAC-SHA256 as docs/hr-events.md says',
};

/**
 * POST /api/hr/events: the HR system's generic JSON event, authenticated by an HMAC-SHA256 signature over the timestamp
 * and the exact body under a secret that opens nothing else. A refused signature is counted like a failed token (a
 * trail entry, a lockout of the source, the security officer told of a burst); the signature says nothing of why to
 * the caller. Then the body is parsed and handed to receive-hr-event with the source `webhook`.
 */
export class ReceiveHrWebhook implements UseCase<typeof receiveHrWebhookInput, HrWebhookAnswer> {
  // No ability: the API runs it for a public route; the signature is the credential.
  static readonly definition: UseCaseDefinition<typeof receiveHrWebhookInput> = { name: 'receive-hr-webhook', input: receiveHrWebhookInput };
  readonly definition = ReceiveHrWebhook.definition;

  constructor(
    private readonly settings: HrWebhookSettings,
    private readonly receive: Pick<ReceiveHrEvent, 'execute'>,
    private readonly attempts: SignInAttempts,
    private readonly logger: VigieLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: z.output<typeof receiveHrWebhookInput>, context: UseCaseContext): Promise<HrWebhookAnswer> {
    if (!this.settings.secret) {
      throw new VigieError(
        'unavailable',
        `the HR webhook is off: set ${this.settings.secretEnv} to the secret shared with the HR system (32 characters or more)`,
      );
    }
    await admitSignedDelivery(this.attempts, this.logger, WEBHOOK, context.sourceAddress, () => signatureRefusal(this.settings, input, this.now()));
    if (input.body.length > this.settings.maxBodyBytes) {
      throw new VigieError(
        'invalid-input',
        `the body is larger than ${this.settings.maxBodyBytes} bytes (hr.webhook.maxBodyBytes): send one event per request`,
      );
    }
    const parsed = hrWebhookEventBody.safeParse(jsonOf(input.body));
    if (!parsed.success) {
      const details = describeInputIssues(parsed.error);
      throw new VigieError('invalid-input', details.join('; '), { details });
    }
    const received = await this.receive.execute({ ...parsed.data, source: 'webhook', fetchDetails: false, userName: null });
    return { id: received.id, status: received.status, duplicate: received.duplicate };
  }
}

/** The body as JSON: UTF-8 text (anything else refused, not guessed), parsed. */
function jsonOf(body: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new VigieError('invalid-input', 'the body is not UTF-8 text: send the event as JSON in UTF-8');
  }
  if (!text.trim()) throw new VigieError('invalid-input', 'the body is empty: send the event as a JSON object (docs/hr-events.md)');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new VigieError('invalid-input', `the body is not JSON (${(err as Error).message}): send the event as a JSON object (docs/hr-events.md)`);
  }
}
