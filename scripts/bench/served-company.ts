/**
 * The 100,000-person company of bench:audit, synchronised, audited and served by a real `vigie serve` on loopback:
 * what bench:api loads with autocannon and bench:web opens in Chromium. Each side is one build of Vigie (this one, or
 * a worktree before a change) with a database and a working folder of its own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';

export const BENCH_GLASS_PASSWORD = 'the bench break-glass passphrase';
let glassHash: Promise<string> | undefined;
const benchGlassHash = () => (glassHash ??= import('argon2').then((a) => a.hash(BENCH_GLASS_PASSWORD)));

export interface ServedSide {
  name: string;
  /** The checkout whose dist/ runs this side. */
  build: string;
  dbUrl: string;
  cwd: string;
  port: number;
  server?: ChildProcess;
  token?: string;
  /** The Cookie header of the break-glass administrator's web session. */
  cookie?: string;
}

/** What bench-audit.js's phases read: the company's files and its samples. */
export interface PhaseInput {
  ldifFile: string;
  policyDir: string;
  hrFile: string;
  asOf: string;
  samples: unknown;
  queries: number;
}

/**
 * Creates the side's database, synchronises and audits the company with the side's own build (its migrations and
 * indexes), and makes a security officer's token. Returns the number of findings of the audit.
 */
export async function prepareSide(admin: pg.Client, adminUrl: string, dbName: string, side: ServedSide, input: PhaseInput): Promise<number> {
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  side.dbUrl = url.toString();
  mkdirSync(side.cwd, { recursive: true });
  let findings = 0;
  for (const phase of ['sync', 'audit']) {
    process.stderr.write(`${side.name}: phase ${phase}...\n`);
    const out = await runIn(side, process.execPath, [
      join(side.build, 'dist/scripts/bench-audit.js'),
      '--phase',
      phase,
      JSON.stringify({ ...input, databaseUrl: side.dbUrl }),
    ]);
    if (phase === 'audit') findings = (JSON.parse(out.trim().split('\n').pop()!) as { details: { findings: number } }).details.findings;
    if (phase === 'sync') await admin.query('CHECKPOINT');
  }
  side.token = (
    await runIn(side, process.execPath, [join(side.build, 'dist/cli/vigie.js'), 'token', 'create', '--role', 'security-officer', '--name', 'bench'])
  ).trim();
  return findings;
}

/** Runs a command of a side's build in its directory (where its trail keys are made on first use); its stdout. */
export function runIn(side: ServedSide, cmd: string, argv: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const p = spawn(cmd, argv, { cwd: side.cwd, env: { ...process.env, DATABASE_URL: side.dbUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`${argv.slice(0, 3).join(' ')} exited with ${code}: ${err.trim()}`))));
  });
}

/** `vigie serve --no-worker` of the side's build on loopback, once it answers /health/ready. */
export async function serve(side: ServedSide): Promise<ChildProcess> {
  const env = {
    ...process.env,
    DATABASE_URL: side.dbUrl,
    VIGIE_HTTP_HOST: '127.0.0.1',
    VIGIE_HTTP_PORT: String(side.port),
    VIGIE_SCHEDULER_ENABLED: 'false',
    // A session to load the API with (plain http on loopback: no Secure cookie). A build before sessions ignores these.
    VIGIE_AUTH_BREAK_GLASS_ENABLED: 'true',
    VIGIE_AUTH_BREAK_GLASS_HASH: await benchGlassHash(),
    VIGIE_AUTH_SESSION_SECURE_COOKIE: 'false',
  };
  const server = spawn(process.execPath, [join(side.build, 'dist/cli/vigie.js'), 'serve', '--no-worker'], {
    cwd: side.cwd,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  server.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`${side.name}: vigie serve exited with ${server.exitCode}: ${err}`);
    const ok = await fetch(`http://127.0.0.1:${side.port}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${side.name}: vigie serve did not answer within 60 s: ${err}`);
}

/** The break-glass administrator of this build's server, signed in once: the Cookie header of its session. */
export async function signIn(side: ServedSide): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${side.port}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'break-glass', login: 'vigie-break-glass', password: BENCH_GLASS_PASSWORD }),
  });
  if (!res.ok) throw new Error(`${side.name}: sign-in refused: ${res.status} ${await res.text()}`);
  return String(res.headers.get('set-cookie')).split(';')[0]!;
}
