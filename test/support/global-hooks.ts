/**
 * What jest's global setup and teardown of the integration project do (global-setup.ts and global-teardown.ts
 * only load this module). Both run once, in jest's parent process; the test workers inherit its process.env.
 *
 * Setup: decides local servers or containers (servers.ts), sets VIGIE_TEST_RUN_ID, and makes sure the servers
 * are there: slapd installed, PostgreSQL reachable (the local cluster started when it is not running). Samba is
 * not started here: the first test that asks for it does (samba.ts), so runs without AD tests do not pay for it;
 * setup only frees the loopback addresses that killed runs left claimed.
 * Teardown: drops the test databases this run left (and those of runs over a day old), kills the run's Samba DCs
 * and the slapd processes a test forgot to stop, removes the run's temp dir, stops the run's PostgreSQL container.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { adminDatabaseUrl, checkPostgres, CONTAINER_PG_ENV, dropRunDatabases, redactUrl } from './database.js';
import { RUN_ID_ENV, serverMode, testRunDir, testRunId } from './servers.js';
import { OWNER_PID_ENV, stopRunSambaDcs, sweepDeadSambaClaims } from './samba.js';
import { ensureSlapdInstalled, findBinary, sweepRunDir } from './slapd.js';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

/** pg_ctlcluster start for each cluster under /etc/postgresql (root only); true when one was not running and started. */
function startLocalPostgres(): boolean {
  const ctl = findBinary('pg_ctlcluster');
  if (!ctl || process.getuid?.() !== 0 || !existsSync('/etc/postgresql')) return false;
  let started = false;
  for (const version of readdirSync('/etc/postgresql')) {
    for (const cluster of readdirSync(`/etc/postgresql/${version}`)) {
      const r = spawnSync(ctl, ['--skip-systemctl-redirect', version, cluster, 'start'], { encoding: 'utf8' });
      // Exit 2 means "already running": starting it again would not help.
      if (r.status === 0) started = true;
      else if (r.status !== 2) process.stderr.write(`pg_ctlcluster ${version} ${cluster} start: ${r.stderr || r.stdout}\n`);
    }
  }
  return started;
}

async function ensurePostgres(url: string): Promise<string> {
  try {
    return await checkPostgres(url);
  } catch (err) {
    const host = new URL(url).hostname;
    if (!/not reachable/.test((err as Error).message) || !LOCAL_HOSTS.has(host) || !startLocalPostgres()) throw err;
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await checkPostgres(url);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export async function runGlobalSetup(): Promise<void> {
  const started = Date.now();
  const runId = testRunId();
  // The test workers inherit it: a Samba DC's address claim lives as long as this process.
  process.env[OWNER_PID_ENV] = String(process.pid);
  const mode = await serverMode();
  let pgVersion: string;
  let pgUrl: string;
  if (mode === 'containers') {
    const { openldapImage, startPostgresContainer } = await import('./containers.js');
    const [postgres] = await Promise.all([startPostgresContainer(), openldapImage()]);
    (globalThis as Record<string, unknown>).__vigiePostgresContainer = postgres;
    pgUrl = postgres.getConnectionUri();
    process.env[CONTAINER_PG_ENV] = pgUrl;
    pgVersion = await checkPostgres(pgUrl);
  } else {
    await ensureSlapdInstalled();
    const swept = sweepDeadSambaClaims();
    if (swept > 0) process.stdout.write(`\n[vigie test] freed ${swept} Samba DC address(es) left by killed runs\n`);
    pgUrl = await adminDatabaseUrl();
    pgVersion = await ensurePostgres(pgUrl);
  }
  process.stdout.write(
    `\n[vigie test] run ${runId}: ${mode} servers, PostgreSQL ${pgVersion} at ${redactUrl(pgUrl)} ` + `(setup ${Date.now() - started} ms)\n`,
  );
}

export async function runGlobalTeardown(): Promise<void> {
  const runId = process.env[RUN_ID_ENV];
  if (!runId) return;
  const problems: string[] = [];
  const mode = await serverMode();
  const container = (globalThis as Record<string, unknown>).__vigiePostgresContainer as { stop(): Promise<unknown> } | undefined;
  if (mode === 'local') {
    try {
      const dropped = await dropRunDatabases(runId);
      if (dropped.length > 0) process.stdout.write(`[vigie test] dropped ${dropped.length} leftover test database(s)\n`);
    } catch (err) {
      problems.push(`dropping test databases: ${(err as Error).message}`);
    }
  }
  if (mode === 'local') {
    try {
      stopRunSambaDcs(runId);
    } catch (err) {
      problems.push(`stopping Samba DCs: ${(err as Error).message}`);
    }
  }
  const killed = sweepRunDir(testRunDir(runId));
  if (killed > 0) process.stdout.write(`[vigie test] killed ${killed} slapd left running (a test did not stop() it)\n`);
  if (container) {
    await container.stop().catch((err: Error) => problems.push(`stopping the PostgreSQL container: ${err.message}`));
  }
  if (problems.length > 0) process.stderr.write(`[vigie test] teardown: ${problems.join('; ')}\n`);
}
