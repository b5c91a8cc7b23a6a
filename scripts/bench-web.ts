/**
 * The web desk's pages on the 100,000-person company (issue 18): the company of bench:api, served by the real
 * `vigie serve` with the built web app, opened in Debian's headless Chromium (playwright-core) as a signed-in security
 * officer. For each page: the time from navigation to the page showing its data (`main[data-ready="true"]`, set by each
 * page once its first query has rendered), in a fresh browser context (nothing cached) and on a reload (assets cached),
 * `--runs` times (7); medians and the slowest run, and the API requests the page made with their durations.
 *
 * Usage: npm run bench:web [-- --users 100000 --runs 7 --json bench-results/web.json --keep]
 * DATABASE_URL (else postgres://postgres@127.0.0.1:5432/postgres) must let this user CREATE DATABASE.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Browser, chromium } from 'playwright-core';
import { loadNow, machineOf } from './bench/machine.js';
import { type ServedSide, prepareSide, serve, signIn } from './bench/served-company.js';
import { writeSyntheticCompany } from './bench/synthetic-company.js';

const TARGET_MS = 1000;
const CHROMIUM = '/usr/bin/chromium';
const THIS_BUILD = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Args {
  users: number;
  runs: number;
  json: string;
  keep: boolean;
}

interface PageMeasure {
  page: string;
  path: string;
  cache: 'cold' | 'warm';
  runsMs: number[];
  medianMs: number;
  maxMs: number;
  /** The page's API requests on its last run: path and duration (ms). */
  api: Array<{ path: string; ms: number }>;
}

const PAGES = [
  { name: 'dashboard', path: '/' },
  { name: 'findings', path: '/findings' },
];

function parseArgs(argv: string[]): Args {
  const args: Args = { users: 100_000, runs: 7, json: 'bench-results/web.json', keep: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'keep') args.keep = true;
    else if (name === 'json') args.json = argv[++i];
    else if (name === 'users' || name === 'runs') args[name] = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return args;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-web-'));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const pgVersion = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
  const now = new Date();
  const dbName = `vigie_bench_web_${Date.now()}`;
  const side: ServedSide = { name: 'this build', build: THIS_BUILD, dbUrl: '', cwd: join(dir, 'this'), port: 3943 };
  const startLoad = loadNow();
  const measures: PageMeasure[] = [];
  let findings: number | undefined;
  let browser: Browser | undefined;
  try {
    process.stderr.write(`generating ${args.users} people in ${dir}\n`);
    const company = await writeSyntheticCompany(dir, { users: args.users, groups: 5_000, memberships: 500_000, resources: 2_000 }, now);
    const input = {
      ldifFile: company.ldifFile,
      policyDir: company.policyDir,
      hrFile: company.hrFile,
      asOf: now.toISOString(),
      samples: company.samples,
      queries: 1,
    };
    findings = await prepareSide(admin, adminUrl, dbName, side, input);
    side.server = await serve(side);
    side.cookie = await signIn(side);
    const [cookieName, cookieValue] = [side.cookie.slice(0, side.cookie.indexOf('=')), side.cookie.slice(side.cookie.indexOf('=') + 1)];
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const base = `http://127.0.0.1:${side.port}`;
    for (const target of PAGES) {
      const cold: number[] = [];
      const warm: number[] = [];
      let api: PageMeasure['api'] = [];
      for (let run = 0; run < args.runs; run++) {
        const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
        await context.addCookies([{ name: cookieName, value: cookieValue, url: base }]);
        const page = await context.newPage();
        const timings = new Map<string, number>();
        page.on('requestfinished', (request) => {
          const url = new URL(request.url());
          if (url.pathname.startsWith('/api/')) timings.set(url.pathname + url.search, request.timing().responseEnd);
        });
        for (const [cache, into] of [
          ['cold', cold],
          ['warm', warm],
        ] as const) {
          timings.clear();
          const t0 = performance.now();
          if (cache === 'cold') await page.goto(base + target.path, { waitUntil: 'commit' });
          else await page.reload({ waitUntil: 'commit' });
          await page.locator('main[data-ready="true"]').waitFor({ timeout: 60_000 });
          into.push(performance.now() - t0);
          if (cache === 'cold') api = [...timings].map(([path, ms]) => ({ path, ms: Math.round(ms) }));
        }
        await context.close();
      }
      for (const [cache, runsMs] of [
        ['cold', cold],
        ['warm', warm],
      ] as const) {
        measures.push({
          page: target.name,
          path: target.path,
          cache,
          runsMs: runsMs.map(Math.round),
          medianMs: Math.round(median(runsMs)),
          maxMs: Math.round(Math.max(...runsMs)),
          api,
        });
      }
    }
  } finally {
    await browser?.close();
    side.server?.kill('SIGTERM');
    if (args.keep) process.stderr.write(`kept ${dir} and the database ${side.dbUrl}\n`);
    else {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
    await admin.end();
  }
  const machine = {
    ...machineOf(now, startLoad),
    postgres: pgVersion,
  };
  process.stdout.write(
    `\nweb desk pages, ${machine.date}: ${args.users} people, ${findings} findings, ${args.runs} runs each; ` +
      `${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, PostgreSQL ${machine.postgres}, load ${machine.loadAverage}\n\n`,
  );
  for (const m of measures) {
    process.stdout.write(
      `${m.page.padEnd(10)} ${m.cache.padEnd(5)} median ${String(m.medianMs).padStart(5)} ms  max ${String(m.maxMs).padStart(5)} ms  runs ${m.runsMs.join(' ')}\n`,
    );
  }
  for (const target of PAGES) {
    const api = measures.find((m) => m.page === target.name)?.api ?? [];
    process.stdout.write(`${target.name} API requests (cold, last run): ${api.map((a) => `${a.path} ${a.ms} ms`).join(', ') || 'none'}\n`);
  }
  const worst = Math.max(...measures.map((m) => m.medianMs));
  process.stdout.write(
    `\ntarget: each page shows its data in under ${TARGET_MS} ms (median): worst median ${worst} ms, ${worst < TARGET_MS ? 'met' : 'MISSED'}\n`,
  );
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, `${JSON.stringify({ machine, args, findings, targetMs: TARGET_MS, measures }, null, 2)}\n`);
  process.stdout.write(`written ${args.json}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench:web failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
