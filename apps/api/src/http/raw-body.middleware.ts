import type { NextFunction, Request, Response } from 'express';

/**
 * The body of a signed webhook kept as the bytes received (`req.body` a Buffer), whatever its content type: a
 * signature covers those bytes, not a JSON parsed and written again. Mounted on the signed routes before Nest's JSON
 * parser, which then leaves the finished request alone. A body past `maxBytes` is answered 413 at once, before it is
 * read to the end.
 */
export function rawBody(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST') return next();
    const tooLarge = () => {
      res
        .status(413)
        .json({ statusCode: 413, error: 'invalid-input', message: `the body is larger than ${maxBytes} bytes (hr.webhook.maxBodyBytes): it was not read` });
      // The rest of the body is not read: the connection goes once the answer is out.
      req.unpipe();
      res.on('finish', () => req.socket.destroy());
    };
    if (Number(req.headers['content-length']) > maxBytes) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        tooLarge();
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      req.body = Buffer.concat(chunks);
      next();
    });
    req.on('error', (err) => {
      if (!refused) next(err);
    });
  };
}
