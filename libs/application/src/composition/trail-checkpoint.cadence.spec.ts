import { TrailCheckpointCadence } from './trail-checkpoint.cadence.js';

describe(TrailCheckpointCadence.name, () => {
  let signed: number;
  let now: number;
  let errors: unknown[];
  let fail: boolean;
  let sut: TrailCheckpointCadence;

  beforeEach(() => {
    signed = 0;
    now = 10_000;
    errors = [];
    fail = false;
    sut = new TrailCheckpointCadence(
      async () => {
        if (fail) throw new Error('database unreachable');
        signed++;
      },
      (err) => errors.push(err),
      1000,
      () => now,
    );
  });

  it('signs nothing after a use case that wrote no entry', async () => {
    await sut.settle();
    await sut.close();
    expect(signed).toBe(0);
  });

  it('signs at the end of a use case that wrote, at once', async () => {
    sut.noteWritten();
    await sut.settle();
    expect(signed).toBe(1);
    await sut.settle();
    expect(signed).toBe(1);
  });

  it('signs at most once per interval, and covers what was written meanwhile when the interval is up', async () => {
    sut.noteWritten();
    await sut.settle();
    // 10 ms before the interval ends (the timer is real, the clock of the decision is ours).
    now += 990;
    sut.noteWritten();
    await sut.settle();
    sut.noteWritten();
    await sut.settle();
    expect(signed).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signed).toBe(2);
  });

  it('signs what is left before the process closes, without waiting for the interval', async () => {
    sut.noteWritten();
    await sut.settle();
    sut.noteWritten();
    await sut.settle();
    await sut.close();
    expect(signed).toBe(2);
  });

  it('signs nothing once closed (a use case still in flight leaves its checkpoint to the worker), and again once reopened', async () => {
    await sut.close();
    sut.noteWritten();
    await sut.settle();
    expect(signed).toBe(0);
    sut.reopen();
    await sut.settle();
    expect(signed).toBe(1);
  });

  it('reports a failure and tries again later', async () => {
    fail = true;
    sut.noteWritten();
    await sut.settle();
    expect(errors).toEqual([new Error('database unreachable')]);
    fail = false;
    await sut.close();
    expect(signed).toBe(1);
  });
});
