import * as z from 'zod';
import type { SignInAttempts } from '#vigie/access-control';
import { VigieError } from '#vigie/common';
import { type HrEventStatus, bambooHrSignatureRefusal, hrEventsOfBambooHr } from '#vigie/hr';
import type { VigieLogger } from '#vigie/logging';
import { describeInputIssues } from '../../composition/input-issues.js';
import type { UseCase, UseCaseContext, UseCaseDefinition } from '../../use-case.js';
import { type ReceiveHrEventInput, receiveHrEventInput } from '../receive-hr-event/receive-hr-event.input.js';
import type { ReceiveHrEvent } from '../receive-hr-event/receive-hr-event.use-case.js';
import { admitSignedDelivery, type SignedRoute } from '../shared/signed-delivery.js';

export const receiveBambooHrWebhookInput = z
  .object({
    /** X-BambooHR-Timestamp. */
    timestamp: z.string().max(64).optional(),
    /** X-BambooHR-Signature: hex. */
    signature: z.string().max(512).optional(),
    /** The body's exact bytes, as they were signed. */
    body: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected the body as bytes'),
  })
  .strict();

export interface BambooHrWebhookSettings {
  /** config hr.bamboohr.webhookKey (from webhookKeyEnv); BambooHR's webhooks are off without it. */
  webhookKey: string | undefined;
  /** config hr.webhook.toleranceSeconds: the generic webhook's window, for BambooHR's timestamp too. */
  toleranceSeconds: number;
  maxBodyBytes: number;
}

export interface BambooHrWebhookAnswer {
  /** One per employee entry of the delivery, in its order. */
  events: Array<{ eventId: string; id: string; status: HrEventStatus; duplicate: boolean }>;
}

const WEBHOOK: SignedRoute = {
  route: 'POST /api/hr/bamboohr',
  label: 'BambooHR webhook',
  refused:
    "the BambooHR delivery is refused: its signature is missing, not valid, or outside the time window; check the webhook's private key (hr.bamboohr.webhookKeyEnv) and the clock",
};

/**
 * POST /api/hr/bamboohr: a BambooHR webhook delivery (docs/hr-bamboohr.md), authenticated by the signature of the
 * webhook's private key, a key that opens nothing else. A refused signature is counted like a failed token (as the
 * generic webhook's). Then each employee entry is mapped (libs/hr) and its fields checked as an HR event's, all before
 * any is stored, and received in turn with the source `bamboohr`: an entry sent again is a duplicate. An entry that carried
 * too few fields is stored as a notification (fetchDetails): the worker asks BambooHR's API.
 */
export class ReceiveBambooHrWebhook implements UseCase<typeof receiveBambooHrWebhookInput, BambooHrWebhookAnswer> {
  // No ability: the API runs it for a public route; the signature is the credential.
  static readonly definition: UseCaseDefinition<typeof receiveBambooHrWebhookInput> = { name: 'receive-bamboohr-webhook', input: receiveBambooHrWebhookInput };
  readonly definition = ReceiveBambooHrWebhook.definition;

  constructor(
    private readonly settings: BambooHrWebhookSettings,
    private readonly receive: Pick<ReceiveHrEvent, 'execute'>,
    private readonly attempts: SignInAttempts,
    private readonly logger: VigieLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async execute(input: z.output<typeof receiveBambooHrWebhookInput>, context: UseCaseContext): Promise<BambooHrWebhookAnswer> {
    const key = this.settings.webhookKey;
    if (!key) {
      throw new VigieError(
        'unavailable',
        "BambooHR's webhooks are off: set hr.bamboohr with its keys (VIGIE_BAMBOOHR_WEBHOOK_KEY: the webhook's private key), see docs/hr-bamboohr.md",
      );
    }
    await admitSignedDelivery(this.attempts, this.logger, WEBHOOK, context.sourceAddress, () =>
      bambooHrSignatureRefusal(input, key, this.now(), this.settings.toleranceSeconds),
    );
    if (input.body.length > this.settings.maxBodyBytes) {
      throw new VigieError('invalid-input', `the body is larger than ${this.settings.maxBodyBytes} bytes (hr.webhook.maxBodyBytes)`);
    }
    const events = hrEventsOfBambooHr(jsonOf(input.body)).map((event, i): ReceiveHrEventInput => {
      const parsed = receiveHrEventInput.safeParse(event);
      if (parsed.success) return parsed.data;
      const details = describeInputIssues(parsed.error).map((d) => `entry ${i} (employee ${event.person.employeeId}): ${d}`);
      throw new VigieError('invalid-input', details.join('; '), { details });
    });
    // One unit of work each, in order: an entry refused here (a department the policy does not map) leaves those before
    // it stored, and BambooHR's next try of the delivery finds them as duplicates.
    const answer: BambooHrWebhookAnswer = { events: [] };
    for (const [i, event] of events.entries()) {
      const received = await this.receive.execute(event).catch((err: unknown) => {
        if (err instanceof VigieError && err.kind === 'invalid-input') {
          const prefix = `entry ${i} (employee ${event.person.employeeId}): `;
          throw new VigieError(err.kind, `${prefix}${err.message}`, { details: err.details.map((d) => `${prefix}${d}`) });
        }
        throw err;
      });
      answer.events.push({ eventId: event.eventId, id: received.id, status: received.status, duplicate: received.duplicate });
    }
    return answer;
  }
}

/** The body as JSON: UTF-8 text (anything else refused, not guessed), parsed. */
function jsonOf(body: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new VigieError('invalid-input', 'the body is not UTF-8 text: set the webhook to post JSON in BambooHR');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new VigieError('invalid-input', 'the body: expected JSON (set the webhook to post JSON in BambooHR, not a form post)');
  }
}
