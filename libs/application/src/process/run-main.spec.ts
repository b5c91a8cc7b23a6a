import { UsageError, VigieError } from '#vigie/common';
import { reportError, runMain } from './run-main.js';

describe(reportError.name, () => {
  const report = (err: unknown) => {
    let out = '';
    const code = reportError(err, (s) => (out += s));
    return { code, out };
  };

  it('prints the message of a VigieError alone: it says what is wrong and what to do', () => {
    const { code, out } = report(new VigieError('unavailable', 'cannot connect to PostgreSQL at db:5432/vigie: connection refused. Check DATABASE_URL'));
    expect(out).toBe('vigie: cannot connect to PostgreSQL at db:5432/vigie: connection refused. Check DATABASE_URL\n');
    expect(code).toBe(69);
  });

  it('prints a bug with its stack and causes, and asks to report it', () => {
    const cause = new RangeError('index out of range');
    const { code, out } = report(new Error('could not build the snapshot', { cause }));
    expect(out).toMatch(/^vigie: Error: could not build the snapshot\n\s+at /);
    expect(out).toMatch(/\ncaused by: RangeError: index out of range\n\s+at /);
    expect(out).toMatch(/\n\(unexpected error: please report it with the lines above\)\n$/);
    expect(code).toBe(1);
  });

  it('prints something thrown that is not an Error', () => {
    expect(report('gone').out).toBe('vigie: gone\n(unexpected error: please report it with the lines above)\n');
  });

  it('stops at a few causes when they loop', () => {
    const a = new Error('a');
    a.cause = a;
    expect(report(a).out.match(/caused by/g)).toHaveLength(5);
  });

  it('never prints a secret a driver echoed, expected error or not', () => {
    const url = 'postgres://vigie:s3cret-pw@db:5432/vigie';
    expect(report(new VigieError('unavailable', `cannot connect to ${url}`)).out).not.toContain('s3cret-pw');
    expect(report(new Error(`connect failed for ${url}`)).out).not.toContain('s3cret-pw');
  });
});

describe(runMain.name, () => {
  const saved = process.exitCode;
  afterEach(() => {
    process.exitCode = saved;
  });

  it('sets the exit code of the error the main function throws, and prints it on stderr', async () => {
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((s: string) => written.push(s) > 0) as typeof process.stderr.write;
    try {
      await runMain(async () => {
        throw new UsageError('--until expects a date as YYYY-MM-DD, got "tomorrow"');
      });
    } finally {
      process.stderr.write = write;
    }
    expect(process.exitCode).toBe(64);
    expect(written).toEqual(['vigie: --until expects a date as YYYY-MM-DD, got "tomorrow"\n']);
  });

  it('leaves the exit code alone when the main function succeeds', async () => {
    process.exitCode = undefined;
    await runMain(async () => undefined);
    expect(process.exitCode).toBeUndefined();
  });
});
