/**
 * Where a library writes its log lines, for one context (its class): objects with a `msg` and fields, or text.
 * The composition root makes them (`loggerFor`); libraries never pick a logging framework themselves.
 */
export interface VigieLogger {
  debug(message: unknown): void;
  log(message: unknown): void;
  warn(message: unknown): void;
  error(message: unknown): void;
}

/** Makes the logger of a context. */
export type LoggerFactory = (context: string) => VigieLogger;

/** For code built by hand in tests: writes nothing. */
export const SILENT_LOGGER: VigieLogger = { debug() {}, log() {}, warn() {}, error() {} };

/** What PinoLoggerService and DeferredLoggerService offer: Nest's LoggerService shape, with the context last. */
interface ContextualSink {
  debug(message: unknown, context: string): void;
  log(message: unknown, context: string): void;
  warn(message: unknown, context: string): void;
  error(message: unknown, stack: undefined, context: string): void;
}

/** A factory over one sink: each line carries its context. */
export function loggerFactory(sink: ContextualSink): LoggerFactory {
  return (context) => ({
    debug: (m) => sink.debug(m, context),
    log: (m) => sink.log(m, context),
    warn: (m) => sink.warn(m, context),
    error: (m) => sink.error(m, undefined, context),
  });
}
