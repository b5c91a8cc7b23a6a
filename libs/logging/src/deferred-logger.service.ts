import { type CreateLoggerOptions, type LogLevel, createLogger } from './create-logger.js';
import { PinoLoggerService } from './pino-logger.service.js';

/** pino's level values: a line is written when its level's value is at least the logger's. */
const VALUES: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

/**
 * A PinoLoggerService made at the first line its level lets through. A one-shot command logs only
 * errors unless --verbose, so most runs of `vigie sync` write no line at all and need not load pino
 * (a tenth of its start). The lines written are the service's own.
 */
export class DeferredLoggerService {
  private service?: PinoLoggerService;

  constructor(private readonly options: CreateLoggerOptions) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.at('info')?.log(message, ...rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.at('error')?.error(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.at('warn')?.warn(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.at('debug')?.debug(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.at('trace')?.verbose(message, ...rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.at('fatal')?.fatal(message, ...rest);
  }

  /** The service when a line at this level is written, made then; else undefined. */
  private at(level: Exclude<LogLevel, 'silent'>): PinoLoggerService | undefined {
    if (VALUES[level] < VALUES[this.options.level]) return undefined;
    return (this.service ??= new PinoLoggerService(createLogger(this.options)));
  }
}
