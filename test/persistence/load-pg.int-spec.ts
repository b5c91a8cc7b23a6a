import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// In a fresh Node: jest's own process has long since loaded what this test is about.
const LOAD_PG = fileURLToPath(new URL('../../dist/libs/persistence/src/pg/load-pg.js', import.meta.url));

function inFreshNode(script: string): Record<string, unknown> {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH } });
  if (r.status !== 0) throw new Error(`node exited with ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

describe('loadPg', () => {
  it('loads a working pg without loading undici, and leaves no navigator behind on Node 20', () => {
    const out = inFreshNode(`
      const had = 'navigator' in globalThis;
      const { loadPg } = await import(${JSON.stringify(LOAD_PG)});
      const pg = await loadPg();
      const again = await loadPg();
      console.log(JSON.stringify({
        pool: typeof pg.Pool, client: typeof pg.Client, same: pg === again,
        navigatorBefore: had, navigatorAfter: 'navigator' in globalThis,
        undici: process.moduleLoadList.some((m) => m.includes('undici')),
      }));`);
    expect(out).toMatchObject({ pool: 'function', client: 'function', same: true });
    expect(out.navigatorAfter).toBe(out.navigatorBefore);
    // Node 21 and later have a navigator of their own: pg never reaches for Response there either.
    expect(out.undici).toBe(false);
  });

  it('leaves a navigator that was there as it was', () => {
    const out = inFreshNode(`
      const mine = { userAgent: 'test-agent' };
      Object.defineProperty(globalThis, 'navigator', { value: mine, configurable: true, writable: true });
      const { loadPg } = await import(${JSON.stringify(LOAD_PG)});
      await loadPg();
      console.log(JSON.stringify({ same: globalThis.navigator === mine, agent: globalThis.navigator.userAgent }));`);
    expect(out).toEqual({ same: true, agent: 'test-agent' });
  });
});
