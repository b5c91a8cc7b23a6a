import { Writable } from 'node:stream';
import { createLogger } from './create-logger.js';
import { PinoLoggerService } from './pino-logger.service.js';

function capture(): { lines: () => Array<Record<string, unknown>>; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe(PinoLoggerService.name, () => {
  it('writes JSON lines with the class as context', () => {
    const out = capture();
    const sut = new PinoLoggerService(createLogger({ level: 'info', stream: out.stream }));
    sut.log('sync finished', 'SyncService');
    expect(out.lines()[0]).toMatchObject({ level: 'info', context: 'SyncService', msg: 'sync finished', service: 'vigie' });
  });

  it('masks bind passwords and tokens in fields and in free text', () => {
    const out = capture();
    const sut = new PinoLoggerService(createLogger({ level: 'info', stream: out.stream }));
    sut.log({ msg: 'connecting', directory: { url: 'ldap://x', bindPassword: 'Sup3r!' } }, 'LdapReader');
    sut.warn('db postgres://vigie:hunter2@db:5432/vigie failed; header Bearer vig_abcdefghijklmnopqrstuvwxyz', 'Boot');
    sut.error(new Error('bind failed password=Sup3r!'), undefined, 'Sync');
    const text = JSON.stringify(out.lines());
    expect(text).not.toContain('Sup3r!');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('vig_abcdefghijklmnopqrstuvwxyz');
    expect(out.lines()[0]).toMatchObject({ directory: { bindPassword: '[REDACTED]' } });
  });

  it('drops messages below the configured level', () => {
    const out = capture();
    const sut = new PinoLoggerService(createLogger({ level: 'warn', stream: out.stream }));
    sut.log('quiet', 'X');
    sut.warn('loud', 'X');
    expect(out.lines().map((l) => l.msg)).toEqual(['loud']);
  });
});
