import { Writable } from 'node:stream';
import { StdoutWatch } from './closed-stdout.js';

/** A standard output whose reader has gone: every write fails as a closed pipe does. */
function closedPipe(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write', errno: -32 }));
    },
  });
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(StdoutWatch.name, () => {
  it('takes the error event of a closed pipe instead of letting it crash the process, and explains what follows', async () => {
    const out = closedPipe();
    const sut = new StdoutWatch(out);
    sut.start();
    out.write('first line\n');
    await tick();
    const late = await new Promise<Error | null | undefined>((resolve) => out.write('second line\n', resolve));
    expect(sut.explains(late)).toBe(true);
  });

  it('explains the rejected write a command awaited, even before the error event', async () => {
    const out = closedPipe();
    const sut = new StdoutWatch(out);
    sut.start();
    const err = await new Promise<Error | null | undefined>((resolve) => out.write('line\n', resolve));
    expect(sut.explains(err)).toBe(true);
  });

  it('does not explain an EPIPE of another socket while standard output is open', () => {
    const sut = new StdoutWatch(new Writable({ write: (_c, _e, cb) => cb() }));
    sut.start();
    expect(sut.explains(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' }))).toBe(false);
    expect(sut.explains(new Error('boom'))).toBe(false);
  });

  it('lets any other error of standard output through', () => {
    const out = new Writable({ write: (_c, _e, cb) => cb() });
    new StdoutWatch(out).start();
    expect(() => out.emit('error', Object.assign(new Error('bad fd'), { code: 'EBADF' }))).toThrow('bad fd');
  });
});
