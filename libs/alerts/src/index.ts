export { type AlertOutcome, AlertService } from './alert.service.js';
export { SmtpAlertChannel } from './channels/smtp.channel.js';
export { WebhookAlertChannel } from './channels/webhook.channel.js';
