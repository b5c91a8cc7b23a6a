/**
 * The audit benchmark (issues 4 and 13): a generated company shaped like real ones (100k people, as many computers,
 * 5k groups, 500k memberships, 2,000 shares, printers and workstations, 2,000 temporary grants to named people, an
 * HR roster, 3,000 external people, a head-office group of 6,000), synchronised into a throw-away PostgreSQL
 * database, then audited as the nightly run does (policy, HR roster and snapshot load, evaluation with each rule
 * timed, findings write), then asked for explanations. Each phase runs in its own process so that its peak memory is
 * its own, in Node's default heap. Prints tables, writes JSON (bench-results/audit.json, or --json FILE).
 *
 * Usage: npm run bench:audit [-- --users 100000 --groups 5000 --memberships 500000 --resources 2000 --computers N
 *   --personal-rules N --externals N --big-group N --queries 1000 --runs 1 --against <worktree> --keep]
 * --against runs the audit phase, alternating, against another build of Vigie (a worktree where `npm run build`
 * was run: the code before a change), on the same database; --runs repeats the audit phase (each side);
 * --keep leaves the generated files and the database, for a closer look.
 * DATABASE_URL (else postgres://postgres@127.0.0.1:5432/postgres) must let this user CREATE DATABASE.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { runPhase, type PhaseResult } from './bench/audit-bench-phases.js';
import { type SyntheticCompany, writeSyntheticCompany } from './bench/synthetic-company.js';

const TARGETS = { auditSeconds: 20, peakRssMb: 1536, explainMs: 50 };

interface Args {
  users: number;
  groups: number;
  memberships: number;
  resources: number;
  computers?: number;
  personalRules?: number;
  externals?: number;
  bigGroup?: number;
  queries: number;
  runs: number;
  against?: string;
  json: string;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    users: 100_000,
    groups: 5_000,
    memberships: 500_000,
    resources: 2_000,
    queries: 1_000,
    runs: 1,
    json: 'bench-results/audit.json',
    keep: false,
  };
  const numeric = ['users', 'groups', 'memberships', 'resources', 'computers', 'personalRules', 'externals', 'bigGroup', 'queries', 'runs'];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].replace(/^--/, '').replace(/-(.)/g, (_m, c: string) => c.toUpperCase());
    if (name === 'keep') args.keep = true;
    else if (name === 'json') args.json = argv[++i];
    else if (name === 'against') args.against = resolve(argv[++i]);
    else if (numeric.includes(name)) (args as unknown as Record<string, number>)[name] = Number(argv[++i]);
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
    process.stderr.write(`generating ${args.users} people, ${args.groups} groups, ${args.memberships} memberships, ${args.resources} resources in ${dir}\n`);
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
      hrFile: company.hrFile,
      asOf: now.toISOString(),
      samples: company.samples,
      queries: args.queries,
    };
    process.stderr.write('phase sync...\n');
    results.push(await child('sync', input));
    // The sync leaves the server writing out a gigabyte: let it finish, or the audit's first connections time out.
    await admin.query('CHECKPOINT');
    // The audit, alternating with the other build when there is one, so that both see the same load. Each build
    // audits its own copy of the synchronised database: a run's store phase compares its findings with the previous
    // run's (the lifecycle), and the two builds' findings differ, so sharing one database would make each compare
    // with the other's. Run 1 is a first audit, the next ones the nightly case (most findings still open).
    const before = args.against ? phaseFileIn(args.against) : undefined;
    const beforeInput = { ...input };
    if (before) {
      await admin.query(`CREATE DATABASE ${dbName}_before TEMPLATE ${dbName}`);
      const copy = new URL(url);
      copy.pathname = `/${dbName}_before`;
      beforeInput.databaseUrl = copy.toString();
    }
    for (let run = 1; run <= args.runs; run++) {
      process.stderr.write(`phase audit (run ${run})...\n`);
      results.push(await child('audit', input).catch(() => child('audit', input)));
      if (before) {
        process.stderr.write(`phase audit against ${args.against} (run ${run})...\n`);
        results.push(await child('audit', beforeInput, before).catch((err: Error) => failedPhase('audit (before)', err)));
        results[results.length - 1].phase = 'audit (before)';
      }
    }
    process.stderr.write('phase explain...\n');
    results.push(await child('explain', input).catch((err: Error) => failedPhase('explain', err)));
  } finally {
    if (args.keep) process.stderr.write(`kept ${dir} and the database ${url.toString()} (and ${dbName}_before with --against)\n`);
    else {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${dbName}_before WITH (FORCE)`).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
    await admin.end();
  }

  const audit = medianRun(results.filter((r) => r.phase === 'audit'));
  const explain = results.find((r) => r.phase === 'explain')!;
  explain.details.serviceMedianMs ??= Number.NaN;
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
  printRuleTimes(results);
  process.stdout.write(
    `\ntargets: full audit ${audit.seconds.toFixed(1)} s (≤ ${TARGETS.auditSeconds}) ${verdict.audit ? 'met' : 'MISSED'}; ` +
      `peak RSS ${audit.peakRssMb.toFixed(0)} MB (< ${TARGETS.peakRssMb}) ${verdict.memory ? 'met' : 'MISSED'}; ` +
      `explanation ${(explain.details.serviceMedianMs as number).toFixed(1)} ms median (< ${TARGETS.explainMs}) ${verdict.explain ? 'met' : 'MISSED'}\n`,
  );
  mkdirSync(dirname(args.json), { recursive: true });
  writeFileSync(args.json, `${JSON.stringify({ machine, size: args, targets: TARGETS, verdict, results }, null, 2)}\n`);
  process.stdout.write(`written ${args.json}\n`);
}

/**
 * Runs a phase in its own process, with Node's default heap. With `phaseFile`, that file (this build's phases,
 * copied into another build) is imported from there, so its `#vigie/...` imports load the other build's libraries.
 */
function child(name: string, input: object, phaseFile?: string): Promise<PhaseResult> {
  const script = fileURLToPath(import.meta.url);
  const argv = phaseFile
    ? [
        '--input-type=module',
        '-e',
        `import(${JSON.stringify(pathToFileURL(phaseFile).href)}).then((m) => m.runPhase(process.argv[1], JSON.parse(process.argv[2])))`,
        name,
        JSON.stringify(input),
      ]
    : [script, '--phase', name, JSON.stringify(input)];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const p = spawn(process.execPath, [...process.execArgv, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    // Progress lines pass through; a crash's last lines are kept for the report.
    p.stderr.on('data', (d) => {
      err = (err + d).slice(-4000);
      process.stderr.write(d);
    });
    p.on('error', reject);
    p.on('close', (code, signal) => {
      if (code !== 0) {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const why = /heap out of memory|Allocation failed/i.test(err) ? 'out of memory (V8 heap)' : (err.trim().split('\n').pop() ?? '');
        return reject(new Error(`phase ${name} exited with ${code ?? signal} after ${seconds} s: ${why}`));
      }
      const result = JSON.parse(out.trim().split('\n').pop()!) as PhaseResult;
      // On stderr as it comes, so that a later failure loses nothing.
      process.stderr.write(`${name}${phaseFile ? ' (other build)' : ''}: ${JSON.stringify(result)}\n`);
      resolve(result);
    });
  });
}

/** This build's phase file, copied beside the other build's own so that it imports that build's libraries. */
function phaseFileIn(worktree: string): string {
  const target = join(worktree, 'dist', 'scripts', 'bench', 'audit-bench-phases.current.js');
  if (!existsSync(dirname(target))) throw new Error(`${worktree} has no build: run \`npm run build\` there first`);
  copyFileSync(join(dirname(fileURLToPath(import.meta.url)), 'bench', 'audit-bench-phases.js'), target);
  return target;
}

function failedPhase(phase: string, err: Error): PhaseResult {
  process.stderr.write(`${err.message}\n`);
  return { phase, seconds: Number.NaN, peakRssMb: Number.NaN, details: { failed: err.message } };
}

/** The run of median duration (the one whose figures are quoted as the result). */
function medianRun(runs: PhaseResult[]): PhaseResult {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Each rule's time, per audit run: the rules are timed one by one within one evaluation. */
function printRuleTimes(results: PhaseResult[]): void {
  const audits = results.filter((r) => r.phase.startsWith('audit') && !r.details.failed);
  if (!audits.length) return;
  const keys = [...new Set(audits.flatMap((r) => Object.keys(r.details).filter((k) => k.startsWith('time:') || k === 'setupS')))];
  const seconds = (r: PhaseResult, k: string) => (typeof r.details[k] === 'number' ? (r.details[k] as number) : Number.NaN);
  keys.sort((a, b) => seconds(audits[0], b) - seconds(audits[0], a));
  const head = ['rule (seconds)', ...audits.map((r, i) => `${r.phase} #${i + 1}`)];
  const rows = keys.map((k) => [
    k === 'setupS' ? 'set-up (views, sorting)' : k.slice(5),
    ...audits.map((r) => (Number.isNaN(seconds(r, k)) ? '-' : seconds(r, k).toFixed(2))),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  process.stdout.write(`\n${[line(head), ...rows.map(line)].join('\n')}\n`);
}

function printTable(results: PhaseResult[], machine: Record<string, unknown>): void {
  const rows = results.map((r) => [
    r.phase,
    r.seconds.toFixed(2),
    r.peakRssMb.toFixed(0),
    Object.entries(r.details)
      .filter(([k]) => !k.startsWith('time:'))
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
