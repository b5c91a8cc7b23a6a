import type { AlertMessage } from './alert.model.js';

/** One way of telling the security officer (mail, webhook): of findings and of security events alike. */
export abstract class AlertChannel {
  abstract readonly name: string;
  abstract send(message: AlertMessage): Promise<void>;
}
