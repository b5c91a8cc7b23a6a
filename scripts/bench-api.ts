/**
 * The read API under load (issue 14): the 100,000-person company of bench:audit (built by its own code: the generator
 * and the sync and audit phases of scripts/bench-audit.ts), served by the real `vigie serve` on loopback with a
 * security officer's token, then `--connections` clients (50) for `--duration` seconds (20) on each read endpoint, with
 * autocannon. Prints requests/s, p50 and p99 per endpoint; writes JSON (bench-results/api.json, or --json FILE).
 *
 * Usage: npm run bench:api [-- --users 100000 --connections 50 --duration 20 --against <worktree> --keep]
 * --against serves the same company with another build of Vigie (a worktree where `npm run build` was run: the code
 * before a change), synchronised and audited by that build into a database of its own (its own migrations and
 * indexes); the endpoints are loaded alternately, one side then the other, so that both see the same machine.
 * DATABASE_URL (else postgres://postgres@127.0.0.1:5432/postgres) must let this user CREATE DATABASE.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadNow, machineOf } from './bench/machine.js';
import { type ServedSide, prepareSide, serve, signIn } from './bench/served-company.js';
import { writeSyntheticCompany } from './bench/synthetic-company.js';

const TARGET_P99_MS = 100;
const THIS_BUILD = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Args {
  users: number;
  connections: number;
  duration: number;
  against?: string;
  json: string;
  keep: boolean;
}

interface Side extends ServedSide {
  name: 'this build' | 'before';
  /** A cursor deep into the list (this build only: the code before had none). */
  deepCursor?: string;
}

interface Measure {
  endpoint: string;
  side: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  load: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { users: 100_000, connections: 50, duration: 20, json: 'bench-results/api.json', keep: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'keep') args.keep = true;
    else if (name === 'json') args.json = argv[++i];
    else if (name === 'against') args.against = resolve(argv[++i]);
    else if (name === 'users' || name === 'connections' || name === 'duration') args[name] = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-api-'));
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const pgVersion = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
  const now = new Date();
  const stamp = Date.now();
  const sides: Side[] = [{ name: 'this build', build: THIS_BUILD, dbUrl: '', cwd: join(dir, 'this'), port: 3941 }];
  if (args.against) sides.push({ name: 'before', build: args.against, dbUrl: '', cwd: join(dir, 'before'), port: 3942 });
  const measures: Measure[] = [];
  const startLoad = loadNow();
  const findingsOf: number[] = [];
  try {
    process.stderr.write(`generating ${args.users} people in ${dir}\n`);
    const company = await writeSyntheticCompany(dir, { users: args.users, groups: 5_000, memberships: 500_000, resources: 2_000 }, now);
    const phaseInput = {
      ldifFile: company.ldifFile,
      policyDir: company.policyDir,
      hrFile: company.hrFile,
      asOf: now.toISOString(),
      samples: company.samples,
      queries: 1,
    };
    // Each side synchronises and audits the company with its own build, into its own database.
    for (const [i, side] of sides.entries()) {
      findingsOf.push(await prepareSide(admin, adminUrl, `vigie_bench_api_${stamp}_${i}`, side, phaseInput));
      side.server = await serve(side);
      if (side.name === 'this build') side.cookie = await signIn(side);
    }
    const [self] = sides;
    // Deep in the shorter list: the two builds need not find as many (issue 13 made one finding of many).
    const deep = Math.floor(Math.min(...findingsOf) * 0.8);
    self.deepCursor = await cursorAt(self, deep);
    const login = company.samples[0].login;
    const biggestRule = await biggestRuleOf(self.dbUrl);
    const endpoints: Array<{ name: string; path: (s: Side) => string | null; session?: boolean }> = [
      { name: 'findings, first page (50)', path: () => '/api/findings' },
      // The same page through a web session (cookie, session row read, its use recorded once a second) instead of a token.
      { name: 'findings, first page (50), session cookie', path: (s) => (s.cookie ? '/api/findings' : null), session: true },
      { name: 'findings, limit=1', path: () => '/api/findings?limit=1' },
      { name: 'findings, severity=high,medium', path: () => '/api/findings?severity=high,medium' },
      { name: `findings, rule=${biggestRule}&directory=bench`, path: () => `/api/findings?rule=${biggestRule}&directory=bench` },
      { name: `findings, status=open&directory=bench`, path: () => '/api/findings?status=open&directory=bench' },
      { name: `findings, page at ${deep} by cursor`, path: (s) => (s.deepCursor ? `/api/findings?cursor=${encodeURIComponent(s.deepCursor)}` : null) },
      { name: `findings, page at ${deep} by offset`, path: () => `/api/findings?offset=${deep}` },
      { name: 'audit-log, first page (50)', path: () => '/api/audit-log' },
      { name: `identity access (${login})`, path: () => `/api/identities/${encodeURIComponent(login)}/access` },
    ];
    for (const endpoint of endpoints) {
      for (const side of sides) {
        const path = endpoint.path(side);
        if (!path) continue;
        process.stderr.write(`${side.name}: ${endpoint.name}...\n`);
        measures.push(await load(side, endpoint.name, path, args, endpoint.session));
      }
    }
  } finally {
    for (const side of sides) side.server?.kill('SIGTERM');
    if (args.keep) process.stderr.write(`kept ${dir} and the databases ${sides.map((s) => s.dbUrl).join(', ')}\n`);
    else {
      for (const [i] of sides.entries()) await admin.query(`DROP DATABASE IF EXISTS vigie_bench_api_${stamp}_${i} WITH (FORCE)`).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
    await admin.end();
  }
  const machine = {
    ...machineOf(now, startLoad),
    postgres: pgVersion,
  };
  printTable(measures, machine, args, findingsOf.join(' / '));
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, `${JSON.stringify({ machine, args, findings: findingsOf, targetP99Ms: TARGET_P99_MS, measures }, null, 2)}\n`);
  process.stdout.write(`written ${args.json}\n`);
}

/** The cursor of the page that starts at `position`, reached by following nextCursor 500 at a time as a client would. */
async function cursorAt(side: Side, position: number): Promise<string> {
  let cursor: string | undefined;
  for (let seen = 0; seen < position;) {
    const limit = Math.min(500, position - seen);
    const res = await fetch(`http://127.0.0.1:${side.port}/api/findings?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { authorization: `Bearer ${side.token}` },
    });
    const page = (await res.json()) as { nextCursor: string | null; findings: unknown[] };
    if (!res.ok || !page.nextCursor) throw new Error(`no page at ${position}: ${res.status} ${JSON.stringify(page).slice(0, 300)}`);
    seen += page.findings.length;
    cursor = page.nextCursor;
  }
  return cursor!;
}

/** The rule with the most findings in the latest run (the heaviest one-rule filter). */
async function biggestRuleOf(dbUrl: string): Promise<string> {
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ counts: Record<string, number> }>(
      `SELECT counts FROM audit_run WHERE status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`,
    );
    const rules = Object.entries(rows[0].counts).filter(([k]) => k.startsWith('rule:'));
    return rules.sort((a, b) => b[1] - a[1])[0][0].slice(5);
  } finally {
    await db.end();
  }
}

/** A short warm-up, then `connections` clients for `duration` seconds on one path. */
async function load(side: Side, endpoint: string, path: string, args: Args, session = false): Promise<Measure> {
  const url = `http://127.0.0.1:${side.port}${path}`;
  const headers: Record<string, string> = session ? { cookie: side.cookie! } : { authorization: `Bearer ${side.token}` };
  await autocannon({ url, headers, connections: 10, duration: 3 });
  const load1 = loadavg()[0].toFixed(2);
  const r = await autocannon({ url, headers, connections: args.connections, duration: args.duration });
  return {
    endpoint,
    side: side.name,
    requestsPerSecond: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    load: `${load1} -> ${loadavg()[0].toFixed(2)}`,
  };
}

function printTable(measures: Measure[], machine: Record<string, unknown>, args: Args, findings: string): void {
  const head = ['endpoint', 'side', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'load (1 min)'];
  const rows = measures.map((m) => [
    m.endpoint,
    m.side,
    m.requestsPerSecond.toFixed(0),
    String(m.p50Ms),
    String(m.p99Ms),
    String(m.requests),
    String(m.non2xx),
    String(m.errors),
    m.load,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(
    `\nread API under load, ${machine.date}: ${args.users} people, ${findings} findings (this build / the other), ${args.connections} connections x ${args.duration} s; ` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, PostgreSQL ${machine.postgres}, load ${machine.loadAverage}\n\n`,
  );
  process.stdout.write(`${[line(head), ...rows.map(line)].join('\n')}\n`);
  const own = measures.filter((m) => m.side === 'this build' && m.endpoint.startsWith('findings') && !m.endpoint.includes('by offset'));
  const worst = Math.max(...own.map((m) => m.p99Ms));
  process.stdout.write(`\ntarget: p99 of the findings list (cursor pages) ${worst} ms (< ${TARGET_P99_MS}) ${worst < TARGET_P99_MS ? 'met' : 'MISSED'}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench:api failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
