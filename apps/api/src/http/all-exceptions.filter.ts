import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isVigieError } from '#vigie/common';
import { isScimPath, sendScimError } from '../scim/scim-error.response.js';
import { ERROR_STATUS, KIND_OF_STATUS } from './error-status.js';

/**
 * A VigieError answers with the status of its kind and its message (`error` is the kind, `details` every problem when
 * there are several); Nest's own HTTP errors (unknown routes, a body that is not JSON) answer the same body with the
 * kind of their status; a body a route chose (readiness) passes as it is; anything else is a bug: a 500 with a
 * correlation id, its details only in the log.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request & { id?: string }>();
    if (isVigieError(exception)) {
      const statusCode = ERROR_STATUS[exception.kind];
      const body: Record<string, unknown> = { statusCode, error: exception.kind, message: exception.message };
      if (exception.details.length) body.details = exception.details;
      // RFC 9110 §10.2.3: whole seconds. A throttled caller (too many failed tokens) learns when to come back, nothing more.
      if (exception.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
      // The server's side (its settings, a server it depends on) is the operator's to fix: logged, with the id to find it.
      if (statusCode >= 500) {
        this.logger.error({ msg: exception.message, kind: exception.kind, requestId: req.id, path: req.path });
        body.correlationId = req.id;
      }
      if (isScimPath(req.path)) return sendScimError(res, statusCode, exception.message, exception);
      res.status(statusCode).json(body);
      return;
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const body = exception.getResponse();
      const kind = KIND_OF_STATUS[statusCode];
      const nestShaped = typeof body === 'string' || ('statusCode' in body && 'message' in body);
      if (isScimPath(req.path)) {
        const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
        return sendScimError(res, statusCode, Array.isArray(message) ? message.join('; ') : String(message ?? exception.message), exception);
      }
      if (kind && nestShaped) {
        const message = typeof body === 'string' ? body : (body as { message: unknown }).message;
        res.status(statusCode).json({ statusCode, error: kind, message: Array.isArray(message) ? message.join('; ') : String(message) });
        return;
      }
      res.status(statusCode).json(typeof body === 'string' ? { statusCode, message: body } : body);
      return;
    }
    this.logger.error({ msg: 'unhandled error', requestId: req.id, path: req.path, err: exception });
    if (isScimPath(req.path)) return sendScimError(res, 500, `internal error (correlation id ${req.id})`, exception);
    res.status(500).json({ statusCode: 500, message: 'internal error', correlationId: req.id });
  }
}
