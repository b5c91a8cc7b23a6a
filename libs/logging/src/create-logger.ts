import { createRequire } from 'node:module';
import type { Logger, LoggerOptions } from 'pino';
import { REDACT_PATHS, REDACTED, redactText } from './redact.js';

// pino is loaded by the first logger made, not with this library: every command imports it for
// redactText, and a one-shot command makes its logger only when it writes a line (DeferredLoggerService).
const requireModule = createRequire(import.meta.url);
let pinoModule: typeof import('pino') | undefined;

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface CreateLoggerOptions {
  level: LogLevel;
  /** File descriptor to write JSON lines to: 1 for a service, 2 for the CLI so stdout stays machine-readable. */
  fd?: 1 | 2;
  /** A stream instead of a descriptor (tests). */
  stream?: NodeJS.WritableStream;
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const { pino } = (pinoModule ??= requireModule('pino') as typeof import('pino'));
  const config: LoggerOptions = {
    level: options.level,
    base: { service: 'vigie' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      // Scrub free text too: messages and error strings may carry a URL with a password or a bearer token.
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
      },
    },
    serializers: {
      err: (err: Error) => ({ type: err.name, message: redactText(err.message), stack: err.stack ? redactText(err.stack) : undefined }),
    },
  };
  return pino(config, options.stream ?? pino.destination({ fd: options.fd ?? 1, sync: true }));
}
