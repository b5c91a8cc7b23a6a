/**
 * The audit benchmark (issue 4): a generated company of 100k users, 5k groups, 500k memberships and 1k resources,
 * synchronised into a throw-away PostgreSQL database, then audited as the nightly run does (policy, snapshot load,
 * evaluation, findings write), then asked for explanations. Each phase runs in its own process so that its peak
 * memory is its own. Prints a table, writes JSON (bench-results/audit.json, or --json FILE).
 *
 * Usage: npm run bench:audit [-- --users 100000 --groups 5000 --memberships 500000 --resources 1000 --queries 1000 --keep]
 * (--keep leaves the generated files and the database, for a closer look).
 * DATABASE_URL (else postgres://postgres@127.0.0.1:5432/postgres) must let this user CREATE DATABASE.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { runPhase, type PhaseResult } from './bench/audit-bench-phases.js';
import { type SyntheticCompany, writeSyntheticCompany } from './bench/synthetic-company.js';

const TARGETS = { auditSeconds: 20, peakRssMb: 1536, explainMs: 50 };

interface Args {
  users: number;
  groups: number;
  memberships: number;
  resources: number;
  queries: number;
  json: string;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { users: 100_000, groups: 5_000, memberships: 500_000, resources: 1_000, queries: 1_000, json: 'bench-results/audit.json', keep: false };
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '');
    if (name === 'keep') args.keep = true;
    else if (name === 'json') args.json = argv[++i];
    else if (name in args) (args as unknown as Record<string, number>)[name] = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return args;
}

async function main(): Promise<void> {
  const phase = process.argv[2];
  if (phase === '--phase') return runPhase(process.argv[3], JSON.parse(process.argv[4]));
  const args = parseArgs(process.argv.slice(2));
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-audit-'));
  const dbName = `vigie_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const pgVersion = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0].v;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const now = new Date();
  const startLoad = loadavg()[0];
  const results: PhaseResult[] = [];
  try {
    process.stderr.write(`generating ${args.users} users, ${args.groups} groups, ${args.memberships} memberships, ${args.resources} resources in ${dir}\n`);
    const t0 = performance.now();
    const company: SyntheticCompany = await writeSyntheticCompany(dir, args, now);
    results.push({
      phase: 'generate',
      seconds: (performance.now() - t0) / 1000,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      details: { ...company.counts },
    });
    const input = {
      databaseUrl: url.toString(),
      ldifFile: company.ldifFile,
      policyDir: company.policyDir,
      asOf: now.toISOString(),
      samples: company.samples,
      queries: args.queries,
    };
    for (const name of ['sync', 'audit', 'explain']) {
      process.stderr.write(`phase ${name}...\n`);
      results.push(await child(name, input));
    }
  } finally {
    if (args.keep) process.stderr.write(`kept ${dir} and the database ${url.toString()}\n`);
    else {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
    await admin.end();
  }

  const audit = results.find((r) => r.phase === 'audit')!;
  const explain = results.find((r) => r.phase === 'explain')!;
  const machine = {
    date: now.toISOString(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    freeMemoryGb: Math.round(freemem() / 2 ** 30),
    // Other work on the machine slows every phase: the 1-minute load average at the start and at the end.
    loadAverage: `${startLoad.toFixed(2)} -> ${loadavg()[0].toFixed(2)}`,
    node: process.version,
    postgres: pgVersion,
  };
  const verdict = {
    audit: audit.seconds <= TARGETS.auditSeconds,
    memory: audit.peakRssMb < TARGETS.peakRssMb,
    explain: (explain.details.serviceMedianMs as number) < TARGETS.explainMs,
  };
  printTable(results, machine);
  process.stdout.write(
    `\ntargets: full audit ${audit.seconds.toFixed(1)} s (≤ ${TARGETS.auditSeconds}) ${verdict.audit ? 'met' : 'MISSED'}; ` +
      `peak RSS ${audit.peakRssMb.toFixed(0)} MB (< ${TARGETS.peakRssMb}) ${verdict.memory ? 'met' : 'MISSED'}; ` +
      `explanation ${(explain.details.serviceMedianMs as number).toFixed(1)} ms median (< ${TARGETS.explainMs}) ${verdict.explain ? 'met' : 'MISSED'}\n`,
  );
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, `${JSON.stringify({ machine, size: args, targets: TARGETS, verdict, results }, null, 2)}\n`);
  process.stdout.write(`written ${args.json}\n`);
}

function child(name: string, input: object): Promise<PhaseResult> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, script, '--phase', name, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) return reject(new Error(`phase ${name} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as PhaseResult);
    });
  });
}

function printTable(results: PhaseResult[], machine: Record<string, unknown>): void {
  const rows = results.map((r) => [
    r.phase,
    r.seconds.toFixed(2),
    r.peakRssMb.toFixed(0),
    Object.entries(r.details)
      .map(([k, v]) => `${k}=${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : v}`)
      .join(' '),
  ]);
  const head = ['phase', 'seconds', 'peak RSS MB', 'details'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  process.stdout.write(
    `\naudit benchmark, ${machine.date}: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, PostgreSQL ${machine.postgres}, load ${machine.loadAverage}\n\n`,
  );
  process.stdout.write(`${[line(head), ...rows.map(line)].join('\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench:audit failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
