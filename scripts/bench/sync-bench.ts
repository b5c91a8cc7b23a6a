/**
 * npm run bench:sync [-- --users 100000 --repeat 3 --out FILE]
 *
 * Generates a directory of N people (5 % as many groups, 5 memberships each), loads it into a
 * private slapd with slapadd, then, in the same run and repeatedly:
 *   (a) dumps the same entries with `ldapsearch -x -E pr=1000/noprompt`: the floor;
 *   (b) runs `vigie sync --full` into a throw-away PostgreSQL database (first snapshot), and again
 *       over the stored snapshot (the nightly case);
 *   (c) changes 1 % of the people and runs `vigie sync` (incremental), then once more with the
 *       hourly reconciliation of identifiers due;
 *   (d) after the rounds, incremental syncs of 1 % one after the other in this one process, as the
 *       worker's scheduled runs go (the sync composed by the composition root, as every entry point has it).
 * Each `vigie` run is a fresh process, timed from outside with its peak RSS (/usr/bin/time).
 * Prints medians in a table and writes them as JSON (bench-results/ by default).
 * Uses the PostgreSQL of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, hostname, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createVigie, selectDirectories, syncSettingsFor } from '#vigie/application';
import { loadConfig } from '#vigie/config';
import { DEFAULT_FILTER, OPENLDAP_ATTRIBUTES } from '#vigie/directory';
import { BENCH_SUFFIX, changeRecords, writeBenchLdif } from './bench-directory.js';
import { startPrivateSlapd } from './private-slapd.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const CLI = join(ROOT, 'dist/cli/vigie.js');

interface Options {
  users: number;
  repeat: number;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { users: 10_000, repeat: 3, out: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--users') opts.users = Number(value());
    else if (arg === '--repeat') opts.repeat = Number(value());
    else if (arg === '--out') opts.out = value();
    else throw new Error(`unknown option ${arg}: use --users N, --repeat R, --out FILE`);
  }
  if (!Number.isInteger(opts.users) || opts.users < 100) throw new Error('--users must be a whole number of at least 100');
  if (!Number.isInteger(opts.repeat) || opts.repeat < 1) throw new Error('--repeat must be a whole number of at least 1');
  opts.out ||= join(ROOT, 'bench-results', `sync-${opts.users}.json`);
  return opts;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; stdout?: 'ignore' | 'pipe' } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { env: options.env ?? process.env, stdio: ['pipe', options.stdout ?? 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
    child.stdin?.end(options.input ?? '');
  });
}

async function must(what: string, result: Promise<Run>): Promise<Run> {
  const r = await result;
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${(r.stderr || r.stdout).slice(-3000)}`);
  return r;
}

interface Measure {
  /** Wall time of the process, start to exit. */
  seconds: number;
  /** The sync's own time, as it reports it (without process start, boot and shutdown). */
  syncSeconds?: number;
  /** Peak resident set size of the process, in MiB. */
  peakRssMiB?: number;
  entries?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'vigie-bench-sync-'));
  const adminUrl = loadConfig().database.url ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const dbName = `vigie_bench_${Date.now()}`;
  const dbUrl = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    return u.toString();
  })();
  const log = (text: string) => process.stderr.write(`${text}\n`);
  let slapd: Awaited<ReturnType<typeof startPrivateSlapd>> | undefined;
  try {
    let t = Date.now();
    const ldif = join(work, 'directory.ldif');
    const directory = await writeBenchLdif(ldif, opts.users);
    log(`generated ${directory.users} people, ${directory.groups} groups, ${directory.memberships} memberships in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    t = Date.now();
    mkdirSync(join(work, 'slapd'));
    slapd = await startPrivateSlapd(join(work, 'slapd'), ldif, BENCH_SUFFIX);
    const loadSeconds = (Date.now() - t) / 1000;
    log(`slapadd and slapd start: ${loadSeconds.toFixed(1)} s (${slapd.url})`);
    rmSync(ldif);

    const ldapArgs = ['-x', '-H', slapd.url, '-D', slapd.rootDn, '-w', slapd.rootPassword];
    const searchArgs = [...ldapArgs, '-LLL', '-b', BENCH_SUFFIX, '-E', 'pr=1000/noprompt', DEFAULT_FILTER, ...OPENLDAP_ATTRIBUTES];
    const counted = await must('ldapsearch', run('ldapsearch', searchArgs));
    const entries = (counted.stdout.match(/^dn:/gm) ?? []).length;
    log(`ldapsearch returns ${entries} entries`);

    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      // Keys of the audit trail for this throw-away database, so that nothing is written to disk.
      VIGIE_TRAIL_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      VIGIE_TRAIL_PSEUDONYM_KEY: randomBytes(32).toString('base64'),
      DATABASE_URL: dbUrl,
      VIGIE_LDAP_NAME: 'bench',
      VIGIE_LDAP_KIND: 'ldap',
      VIGIE_LDAP_URL: slapd.url,
      VIGIE_LDAP_BASE_DN: BENCH_SUFFIX,
      VIGIE_LDAP_BIND_DN: slapd.rootDn,
      VIGIE_LDAP_BIND_PASSWORD: slapd.rootPassword,
    };
    const timeFile = join(work, 'time.txt');
    const vigie = async (what: string, args: string[]): Promise<Measure> => {
      const r = await must(what, run('/usr/bin/time', ['-o', timeFile, '-f', '%e %M', process.execPath, CLI, ...args], { env }));
      const [, rssKb] = readFileSync(timeFile, 'utf8').trim().split(/\s+/).map(Number);
      const summary = /in ([\d.]+) s \((?:full|incremental) sync, ([\d,]+)/.exec(r.stdout);
      return {
        seconds: r.seconds,
        syncSeconds: summary ? Number(summary[1]) : undefined,
        entries: summary ? Number(summary[2]!.replace(/,/g, '')) : undefined,
        peakRssMiB: rssKb ? rssKb / 1024 : undefined,
      };
    };

    const rows: Record<string, Measure[]> = { ldapsearch: [], fullFirst: [], fullAgain: [], incremental: [], incrementalReconciled: [] };
    for (let round = 1; round <= opts.repeat; round++) {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${dbName}`);
      // Migrations run at the first start: not part of what is timed.
      await must('migrations', run(process.execPath, [CLI, 'token', 'list'], { env }));

      rows.ldapsearch!.push({ seconds: (await must('ldapsearch', run('ldapsearch', searchArgs, { stdout: 'ignore' }))).seconds, entries });
      rows.fullFirst!.push(await vigie('full sync (first)', ['sync', '--full']));
      rows.fullAgain!.push(await vigie('full sync (again)', ['sync', '--full']));
      const changed = Math.max(1, Math.round(opts.users / 100));
      await must('ldapmodify', run('ldapmodify', ldapArgs, { input: changeRecords(opts.users, changed, round) }));
      rows.incremental!.push(await vigie('incremental sync', ['sync']));
      const db = new pg.Client({ connectionString: dbUrl });
      await db.connect();
      await db.query(`UPDATE sync_state SET reconciled_at = now() - interval '1 day'`);
      await db.end();
      rows.incrementalReconciled!.push(await vigie('incremental sync with reconciliation', ['sync']));
      log(
        `round ${round}/${opts.repeat}: ${Object.entries(rows)
          .map(([k, v]) => `${k} ${v.at(-1)!.seconds.toFixed(2)} s`)
          .join(', ')}`,
      );
    }

    // (d) The worker's case: incremental runs one after the other in one long-lived process, on the last round's
    // database. The first pays for code that has not run yet in the process; the next ones are what a scheduled
    // run every few minutes takes.
    const inProcess: number[] = [];
    // Warnings and errors only: the runs' info lines would fill the benchmark's output.
    const config = loadConfig({ env: { ...env, VIGIE_LOG_LEVEL: 'warn' }, file: undefined, cwd: work });
    // The sync as the worker has it: composed once by the composition root, run again and again.
    const composed = createVigie(config);
    try {
      const sync = await composed.dependencies.syncService();
      const [source] = selectDirectories(config.directories, undefined);
      for (let k = 0; k <= opts.repeat; k++) {
        await must(
          'ldapmodify',
          run('ldapmodify', ldapArgs, { input: changeRecords(opts.users, Math.max(1, Math.round(opts.users / 100)), opts.repeat + 1 + k) }),
        );
        const started = performance.now();
        const result = await sync.sync(source!, { mode: 'auto', ...syncSettingsFor(config.directories, source!.name) });
        if (result.mode !== 'incremental') throw new Error(`the in-process run was ${result.mode}, not incremental`);
        inProcess.push((performance.now() - started) / 1000);
      }
    } finally {
      await composed.close();
    }
    rows.inProcessFirst = [{ seconds: inProcess[0]! }];
    rows.inProcess = inProcess.slice(1).map((seconds) => ({ seconds, entries: Math.max(1, Math.round(opts.users / 100)) }));
    log(`in one process: ${inProcess.map((x) => `${x.toFixed(3)} s`).join(', ')}`);

    const med = (key: string, field: keyof Measure) => {
      const values = rows[key]!.map((m) => m[field]).filter((v): v is number => typeof v === 'number');
      return values.length ? median(values) : null;
    };
    const floor = med('ldapsearch', 'seconds')!;
    const ownRatio = (part: string, whole: string) => {
      const a = med(part, 'syncSeconds');
      const b = med(whole, 'syncSeconds');
      return a === null || b === null ? null : a / b;
    };
    const full = med('fullFirst', 'seconds')!;
    const result = {
      date: new Date().toISOString(),
      machine: { host: hostname(), cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      directory: { ...directory, entries, slapaddSeconds: loadSeconds },
      repeat: opts.repeat,
      medians: Object.fromEntries(
        Object.keys(rows).map((k) => [
          k,
          { seconds: med(k, 'seconds'), syncSeconds: med(k, 'syncSeconds'), peakRssMiB: med(k, 'peakRssMiB'), entries: med(k, 'entries') },
        ]),
      ),
      ratios: {
        fullFirstToLdapsearch: full / floor,
        fullAgainToLdapsearch: med('fullAgain', 'seconds')! / floor,
        incrementalToFull: med('incremental', 'seconds')! / full,
        incrementalReconciledToFull: med('incrementalReconciled', 'seconds')! / full,
        // The runs' own times, without a process's start and exit: what the worker's scheduled runs take.
        incrementalToFullOwnTimes: ownRatio('incremental', 'fullFirst'),
        inProcessIncrementalToFull: med('inProcess', 'seconds')! / full,
      },
      runs: rows,
    };
    mkdirSync(dirname(resolve(opts.out)), { recursive: true });
    writeFileSync(resolve(opts.out), `${JSON.stringify(result, null, 2)}\n`);

    const line = (name: string, key: string, note: string) => {
      const s = med(key, 'seconds');
      const inner = med(key, 'syncSeconds');
      const rss = med(key, 'peakRssMiB');
      const n = med(key, 'entries');
      return `| ${name.padEnd(38)} | ${s!.toFixed(2).padStart(7)} s | ${inner === null ? '      -' : `${inner.toFixed(2).padStart(5)} s`} | ${rss === null ? '      -' : `${rss.toFixed(0).padStart(4)} MiB`} | ${n === null ? '-'.padStart(7) : String(n).padStart(7)} | ${note}`;
    };
    const out = [
      '',
      `${opts.users} people, ${directory.groups} groups, ${directory.memberships} memberships (${entries} entries); median of ${opts.repeat}; ${cpus().length} cores`,
      '| step                                   | process   | sync    | peak RSS | entries | ',
      '|----------------------------------------|-----------|---------|----------|---------|',
      line('(a) ldapsearch -E pr=1000 (the floor)', 'ldapsearch', ''),
      line('(b) vigie sync --full, first snapshot', 'fullFirst', `${result.ratios.fullFirstToLdapsearch.toFixed(2)} x ldapsearch (target <= 3)`),
      line('    vigie sync --full, over the snapshot', 'fullAgain', `${result.ratios.fullAgainToLdapsearch.toFixed(2)} x ldapsearch`),
      line(
        '(c) vigie sync, 1 % changed',
        'incremental',
        `${(100 * result.ratios.incrementalToFull).toFixed(1)} % of full (target <= 10 %)` +
          (result.ratios.incrementalToFullOwnTimes === null ? '' : `; own times ${(100 * result.ratios.incrementalToFullOwnTimes).toFixed(1)} %`),
      ),
      line('    same, reconciliation due', 'incrementalReconciled', `${(100 * result.ratios.incrementalReconciledToFull).toFixed(1)} % of full (hourly)`),
      line(
        '(d) (c) in one process, as the worker',
        'inProcess',
        `${(100 * result.ratios.inProcessIncrementalToFull).toFixed(1)} % of full; the process's first: ${rows.inProcessFirst[0]!.seconds.toFixed(2)} s`,
      ),
      '',
      `written to ${resolve(opts.out)}`,
      '',
    ];
    process.stdout.write(out.join('\n'));
  } finally {
    await slapd?.stop().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:sync: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
