import { AlertChannel } from '../alert-channel.js';
import type { AlertMessage } from '../alert.model.js';
import { WebhookPoster, type WebhookSettings } from './webhook.poster.js';

/** A JSON POST; `text` makes it readable as is by Slack, Mattermost or Teams incoming webhooks. */
export class WebhookAlertChannel extends AlertChannel {
  readonly name = 'webhook';
  private readonly poster: WebhookPoster;

  constructor(settings: WebhookSettings) {
    super();
    this.poster = new WebhookPoster(settings);
  }

  send(message: AlertMessage): Promise<void> {
    return this.poster.post({ event: message.event, text: message.text, ...message.fields });
  }
}
