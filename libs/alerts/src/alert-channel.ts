import type { Alert } from './alert.model.js';

/** One way of telling the security officer (mail, webhook). */
export abstract class AlertChannel {
  abstract readonly name: string;
  abstract send(alert: Alert): Promise<void>;
}
