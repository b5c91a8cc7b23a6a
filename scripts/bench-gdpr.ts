/**
 * The erasure benchmark (issue 14): on the database the audit benchmark keeps (`npm run bench:audit -- --keep`, which
 * prints its URL), erases the people with the most findings one at a time, each on a fresh copy of the database
 * (CREATE DATABASE … TEMPLATE, not timed), with the `vigie` command of this build and, with --against, of another
 * build (a directory where `npm run build` was run: the code before a change), alternating so that both see the same
 * load. The person is still in the directory, so the erasure is forced. Prints the median per build; writes JSON.
 *
 * Usage: npm run bench:gdpr -- --database <kept database URL> [--people 3] [--against <dir>] [--json FILE]
 * Run it from the directory the audit benchmark ran in: the trail keys it created are in its `.vigie/keys/`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

interface Args {
  database: string;
  people: number;
  against?: string;
  json: string;
}

interface Run {
  build: string;
  login: string;
  seconds: number;
  output: string;
}

function parseArgs(argv: string[]): Args {
  const args: Partial<Args> = { people: 3, json: 'bench-results/gdpr.json' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--database') args.database = argv[++i];
    else if (argv[i] === '--people') args.people = Number(argv[++i]);
    else if (argv[i] === '--against') args.against = resolve(argv[++i]);
    else if (argv[i] === '--json') args.json = argv[++i];
    else throw new Error(`unknown option ${argv[i]}`);
  }
  if (!args.database) throw new Error('give --database, the URL `npm run bench:audit -- --keep` printed');
  return args as Args;
}

const here = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function erase(build: string, url: string, login: string): Promise<{ seconds: number; output: string }> {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(build, 'dist/cli/vigie.js'), 'gdpr', 'erase', login, '--force', '--reason', 'bench'], {
      cwd: here,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: url, VIGIE_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done({ seconds: (performance.now() - started) / 1000, output: output.trim() }) : fail(new Error(`${build}: exit ${code}: ${output}`)),
    );
  });
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const template = new URL(args.database);
  const templateName = template.pathname.slice(1);
  const adminUrl = new URL(args.database);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  const source = new pg.Client({ connectionString: args.database });
  await source.connect();
  const people = (
    await source.query<{ login: string; n: number }>(
      `SELECT login, count(*)::int AS n FROM finding WHERE login IS NOT NULL AND subject->>'type' = 'account' GROUP BY login ORDER BY n DESC, login LIMIT $1`,
      [args.people],
    )
  ).rows;
  const sizes = (
    await source.query<{ relname: string; n: string }>(
      `SELECT relname, n_live_tup::text AS n FROM pg_stat_user_tables WHERE relname IN ('account', 'membership', 'finding', 'finding_state', 'sync_change', 'sync_membership_change', 'trail_personal') ORDER BY relname`,
    )
  ).rows;
  await source.end();
  const builds = [here, ...(args.against ? [args.against] : [])];
  const runs: Run[] = [];
  for (const person of people) {
    for (const build of builds) {
      const copy = `${templateName}_erase_${Date.now()}`;
      await admin.query(`CREATE DATABASE ${copy} TEMPLATE ${templateName}`);
      try {
        const url = new URL(args.database);
        url.pathname = `/${copy}`;
        const r = await erase(build, url.toString(), person.login);
        runs.push({ build, login: person.login, ...r });
        process.stderr.write(`${build === here ? 'this build' : build}: ${person.login} (${person.n} finding rows) ${r.seconds.toFixed(2)} s\n  ${r.output}\n`);
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${copy} WITH (FORCE)`);
      }
    }
  }
  await admin.end();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary = builds.map((b) => ({ build: b === here ? 'this build' : b, medianSeconds: median(runs.filter((r) => r.build === b).map((r) => r.seconds)) }));
  const result = {
    at: new Date().toISOString(),
    cpus: cpus().length,
    load: loadavg()[0],
    tables: Object.fromEntries(sizes.map((s) => [s.relname, Number(s.n)])),
    people,
    runs,
    summary,
  };
  mkdirSync(dirname(resolve(args.json)), { recursive: true });
  writeFileSync(args.json, `${JSON.stringify(result, null, 2)}\n`);
  for (const s of summary) process.stdout.write(`${s.build}: median ${s.medianSeconds.toFixed(2)} s per erasure (${people.length} people)\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
