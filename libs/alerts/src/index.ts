export { type AlertOutcome, AlertService } from './alert.service.js';
export { SmtpAlertChannel } from './channels/smtp.channel.js';
export { SmtpMailer } from './channels/smtp.mailer.js';
export { WebhookAlertChannel } from './channels/webhook.channel.js';
export { WebhookPoster } from './channels/webhook.poster.js';
export { ChannelRequestNotifier } from './request-notices/channel-request.notifier.js';
