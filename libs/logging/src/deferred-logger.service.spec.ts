import { Writable } from 'node:stream';
import { createLogger } from './create-logger.js';
import { DeferredLoggerService } from './deferred-logger.service.js';
import { PinoLoggerService } from './pino-logger.service.js';

function capture(): { text: () => string; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** The lines without their timestamp, which differs between two loggers. */
const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ ...JSON.parse(l), time: undefined }));

describe(DeferredLoggerService.name, () => {
  // One error for both loggers, whose stack is logged.
  const failure = new Error('bind failed password=Sup3r!');

  function logAll(sut: Pick<PinoLoggerService, 'log' | 'warn' | 'error' | 'debug' | 'verbose' | 'fatal'>): void {
    sut.verbose('trace line', 'X');
    sut.debug({ msg: 'debug line', entries: 3 }, 'X');
    sut.log('info line postgres://vigie:hunter2@db/vigie', 'X');
    sut.warn({ msg: 'warn line', directory: { bindPassword: 'Sup3r!' } }, 'X');
    sut.error(failure, undefined, 'X');
    sut.fatal('fatal line', 'X');
  }

  it.each([
    ['trace', 6],
    ['debug', 5],
    ['info', 4],
    ['warn', 3],
    ['error', 2],
    ['fatal', 1],
    ['silent', 0],
  ] as const)('writes the lines a PinoLoggerService writes at level %s (%i of 6)', (level, count) => {
    const direct = capture();
    const deferred = capture();
    logAll(new PinoLoggerService(createLogger({ level, stream: direct.stream })));
    logAll(new DeferredLoggerService({ level, stream: deferred.stream }));
    expect(lines(deferred.text())).toHaveLength(count);
    expect(lines(deferred.text())).toEqual(lines(direct.text()));
    expect(deferred.text()).not.toContain('Sup3r!');
  });
});
