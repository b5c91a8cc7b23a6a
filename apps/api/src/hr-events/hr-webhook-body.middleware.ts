import type { NextFunction, Request, Response } from 'express';

/**
 * The HR webhook's body as the exact bytes that were signed (the signature covers them, not their parsed JSON), read
 * for POST /api/hr/events only, before Nest's JSON parser (which then leaves it alone: the request is read). A body
 * larger than hr.webhook.maxBodyBytes is refused with 413 before it is read whole, let alone parsed.
 */
export function hrWebhookBody(maxBodyBytes: number) {
  const tooLarge = (res: Response) => {
    res.setHeader('Connection', 'close');
    res.status(413).json({
      statusCode: 413,
      error: 'invalid-input',
      message: `the body is larger than ${maxBodyBytes} bytes (hr.webhook.maxBodyBytes): send one event per request`,
    });
  };
  return (req: Request & { _body?: boolean }, res: Response, next: NextFunction) => {
    // Mounted on the path: `/` is the webhook itself, anything below it (a replay) is another route.
    if (req.method !== 'POST' || (req.path !== '/' && req.path !== '')) return next();
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBodyBytes) {
      req.resume();
      return tooLarge(res);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBodyBytes) {
        refused = true;
        chunks.length = 0;
        tooLarge(res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      req.body = Buffer.concat(chunks, size);
      req._body = true;
      next();
    });
    req.on('error', (err) => {
      if (!refused) next(err);
    });
  };
}
