import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { MetricsRegistry } from '../metrics/metrics.registry.js';

const logger = new Logger('Http');

/**
 * A correlation id per request (kept from X-Request-Id when sane), one log line and one metric sample per response.
 * The request id and the caller's address go to every use case the request runs (the trail's correlation id and source).
 */
export function requestContext(metrics: MetricsRegistry) {
  return (req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const given = req.header('x-request-id');
    req.id = given && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = (req.route?.path as string | undefined) ?? 'unmatched';
      metrics.httpDuration.labels(req.method, route, String(res.statusCode)).observe(seconds);
      // Method, path and status only: never headers or query strings, which may carry tokens or personal data.
      logger.log({ msg: 'request', requestId: req.id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(seconds * 1000) });
    });
    next();
  };
}
