import type { Checkpoint } from '../checkpoint.js';
import { CheckpointPublisher, publishedLine } from './checkpoint-publisher.js';

export interface WebhookPublisherOptions {
  url: string;
  /** Sent as `Authorization: Bearer …` when set. */
  bearerToken?: string;
  timeoutMs: number;
}

/**
 * POSTs each checkpoint, as the JSON line the file holds, to another system (a SIEM, a log collector, a witness
 * service) that keeps it where Vigie's database administrators cannot reach. A status other than 2xx is a failure.
 */
export class WebhookCheckpointPublisher extends CheckpointPublisher {
  readonly description: string;

  constructor(private readonly options: WebhookPublisherOptions) {
    super();
    // The URL's origin and path only: a query string may carry a secret.
    const u = new URL(options.url);
    this.description = `webhook ${u.origin}${u.pathname}`;
  }

  async publish(checkpoints: Checkpoint[]): Promise<void> {
    for (const c of checkpoints) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (this.options.bearerToken) headers.authorization = `Bearer ${this.options.bearerToken}`;
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers,
        body: publishedLine(c).trimEnd(),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`${this.description} answered ${res.status} ${res.statusText}`);
    }
  }
}
