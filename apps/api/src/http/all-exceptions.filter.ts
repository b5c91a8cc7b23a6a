import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

/** Domain errors that say what is wrong with the request, by name (libraries know nothing of HTTP). */
const DOMAIN_ERRORS: Record<string, number> = {
  FindingNotFoundError: 404,
  InvalidFindingDecisionError: 400,
  PolicyValidationError: 422,
  NothingToAuditError: 409,
};

/** Known HTTP errors pass as they are; anything else is a 500 with a correlation id, its details only in the log. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request & { id?: string }>();
    const domainStatus = exception instanceof Error ? DOMAIN_ERRORS[exception.name] : undefined;
    if (domainStatus) {
      res.status(domainStatus).json({ statusCode: domainStatus, message: (exception as Error).message });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    this.logger.error({ msg: 'unhandled error', requestId: req.id, path: req.path, err: exception });
    res.status(500).json({ statusCode: 500, message: 'internal error', correlationId: req.id });
  }
}
