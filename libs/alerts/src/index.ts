export * from './alert-channel.js';
export * from './alert.model.js';
export * from './alert.service.js';
export * from './channels/smtp.channel.js';
export * from './channels/webhook.channel.js';
