import { readAhead } from './read-ahead.js';

/** A source of pages that logs when each is asked for and delivered, and can fail at a given page. */
function pagedSource(pages: number, options: { failAt?: number } = {}) {
  const log: string[] = [];
  let returned = false;
  async function* source(): AsyncGenerator<number> {
    try {
      for (let page = 0; page < pages; page++) {
        log.push(`request ${page}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (page === options.failAt) throw new Error(`page ${page} failed`);
        log.push(`deliver ${page}`);
        yield page;
      }
    } finally {
      returned = true;
    }
  }
  return { source: source(), log, wasReturned: () => returned };
}

describe(readAhead.name, () => {
  it('yields every item in order', async () => {
    const { source } = pagedSource(4);
    const seen: number[] = [];
    for await (const page of readAhead(source)) seen.push(page);
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  it('asks for the next page before the caller has finished with the current one', async () => {
    const { source, log } = pagedSource(3);
    for await (const page of readAhead(source)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`processed ${page}`);
    }
    expect(log.indexOf('request 1')).toBeLessThan(log.indexOf('processed 0'));
    expect(log.indexOf('request 2')).toBeLessThan(log.indexOf('processed 1'));
    expect(log.at(-1)).toBe('processed 2');
  });

  it('throws a failed read-ahead only once the items before it are processed', async () => {
    const { source } = pagedSource(3, { failAt: 1 });
    const processed: number[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(
        (async () => {
          for await (const page of readAhead(source)) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            processed.push(page);
          }
        })(),
      ).rejects.toThrow('page 1 failed');
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(processed).toEqual([0]);
    expect(unhandled).toEqual([]);
  });

  it('tells the source to stop when the caller breaks out early', async () => {
    const { source, wasReturned } = pagedSource(10);
    for await (const page of readAhead(source)) {
      if (page === 1) break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(wasReturned()).toBe(true);
  });
});
