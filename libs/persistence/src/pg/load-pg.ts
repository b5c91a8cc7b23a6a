import type pg from 'pg';

let loading: Promise<typeof pg> | undefined;

/**
 * The pg driver, loaded without waking Node 20's fetch. When it loads, pg asks whether it runs on
 * Cloudflare Workers: where `navigator` is missing (Node 20; Node 21 and later have one) it tries
 * `new Response(...)`, and that first use of `Response` loads undici, about 35 ms: 4 % of an
 * incremental `vigie sync`. A `navigator` that says Node, as later Nodes have, answers the question
 * instead; it is there only while pg loads.
 */
export function loadPg(): Promise<typeof pg> {
  return (loading ??= (async () => {
    const lent = !('navigator' in globalThis);
    if (lent) Object.defineProperty(globalThis, 'navigator', { value: { userAgent: `Node.js/${process.versions.node}` }, configurable: true, writable: true });
    try {
      return (await import('pg')).default;
    } finally {
      if (lent) delete (globalThis as { navigator?: unknown }).navigator;
    }
  })());
}
