import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A real HTTP receiver on loopback standing for an alert webhook: what it was posted, as parsed JSON, in order. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hook`: what alerts.webhook.url takes. */
  url: string;
  posts: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** `posts`: the array the posts go to (a spec's own, declared before the receiver starts); a new one by default. */
export async function startWebhookReceiver(posts: Array<Record<string, unknown>> = []): Promise<WebhookReceiver> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      posts.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
