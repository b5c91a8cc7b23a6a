/**
 * Real OpenLDAP servers for integration tests: one private slapd per startSlapd() call, on a free loopback port,
 * from a temp dir (or in a container, see servers.ts). The configuration is docker/openldap/vigie-slapd.sh's,
 * the same script the container image runs.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aptInstall, findBinary, searchPath, tail } from './host.js';
import { prepareBulkLdif } from './ldif.js';
import { serverMode, testRunDir } from './servers.js';
import { freePort, waitForBind } from './server-readiness.js';
import { type SlapdInstance, type SlapdSettings, slapdScriptEnv } from './slapd-instance.js';

// Re-exported: callers found them here. They live apart so that the container starters (containers.ts), which this
// file loads on demand, can use them without importing this file back.
export { findBinary } from './host.js';
export { freePort, waitForBind } from './server-readiness.js';
export { type SlapdInstance, type SlapdSettings, slapdScriptEnv } from './slapd-instance.js';

export interface StartSlapdOptions {
  /** Naming context; default dc=acme,dc=test. */
  suffix?: string;
  /** Password of rootDn (cn=admin,<suffix>) and of cn=admin,cn=config; default "secret". */
  rootPassword?: string;
  /**
   * LDIF text of entries under the suffix, bulk-loaded with slapadd before the start. The base entry is added
   * when absent, parents are put before children, and memberOf is filled from the groupOfNames members of the
   * same text (slapadd runs no overlay). Content records only: use ldapAdd/ldapModify once started.
   */
  ldif?: string;
  /** Self-signed CA + server certificate: StartTLS on `url`'s port and LDAPS on `ldapsUrl`; `caFile` is the CA. */
  tls?: boolean;
  /** Keep pwdLastSuccess on each successful bind (slapd 2.5 `lastbind on`; it also bumps modifyTimestamp). */
  lastbind?: boolean;
  /** Fill memberOf of the bulk-loaded entries (default true). */
  memberOf?: boolean;
  /** The syncprov overlay and its contextCSN, as on a replication provider (default true). */
  syncprov?: boolean;
  /** slapd.conf text appended to the mdb database section, before the default ACLs (limits, more ACLs...). */
  extraConfig?: string;
  /**
   * The default password policy of the ppolicy overlay (ppolicy_default, olcPPolicyDefault in cn=config): the DN of
   * a pwdPolicy entry of `ldif`. Without it ppolicy enforces nothing on accounts without pwdPolicySubentry.
   */
  ppolicyDefault?: string;
  /** A DN (say rootDn) allowed to read cn=config, where the default password policy is; default: nobody but its rootdn. */
  configReadableBy?: string;
  /** How long to wait for a working bind; default 20 s locally, 120 s for a container. */
  startTimeoutMs?: number;
}

export interface LdapToolOptions {
  /** ldapadd/ldapmodify -c: go on after an error (the promise still rejects when the tool exits non-zero). */
  continueOnError?: boolean;
}

/** Adds entries (LDIF content or changetype records) through the running server: overlays run (memberOf, refint). */
export function ldapAdd(instance: SlapdInstance, ldif: string, options: LdapToolOptions = {}): Promise<string> {
  return instance.ldapTool('ldapmodify', ['-a', ...(options.continueOnError ? ['-c'] : [])], ldif);
}

/** Applies LDIF change records (changetype: modify / delete / modrdn / add) through the running server. */
export function ldapModify(instance: SlapdInstance, ldif: string, options: LdapToolOptions = {}): Promise<string> {
  return instance.ldapTool('ldapmodify', options.continueOnError ? ['-c'] : [], ldif);
}

const DEFAULT_SUFFIX = 'dc=acme,dc=test';
const DEFAULT_PASSWORD = 'secret';
const REQUIRED_BINARIES = ['slapd', 'slapadd', 'ldapsearch', 'ldapmodify', 'openssl'];
/** docker/openldap/vigie-slapd.sh, found from this file (test/support/). */
export const SLAPD_SCRIPT = fileURLToPath(new URL('../../docker/openldap/vigie-slapd.sh', import.meta.url));

function missingBinaries(): string[] {
  return REQUIRED_BINARIES.filter((b) => !findBinary(b));
}

/**
 * Makes sure slapd, slapadd, ldapsearch, ldapmodify and openssl are there. As root, installs Debian's
 * slapd, ldap-utils and openssl when they are missing (with a policy-rc.d that keeps the package's own slapd
 * from starting, and apt-get update when the first try fails); otherwise throws what to install.
 * Safe when several processes call it at once (a lock dir in the temp dir).
 */
export async function ensureSlapdInstalled(): Promise<void> {
  if (missingBinaries().length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `OpenLDAP is not installed here (missing: ${missingBinaries().join(', ')}). Install Debian's packages: ` +
        `sudo apt-get install slapd ldap-utils openssl (then \`sudo systemctl disable --now slapd\` if you do not ` +
        `want its own daemon), or run the tests with TESTCONTAINERS=force on a machine with Docker.`,
    );
  }
  await aptInstall(['slapd', 'ldap-utils', 'openssl'], missingBinaries);
}

// Local instances still running, killed when the process exits (a forgotten stop() must not leave slapd behind;
// global teardown also sweeps the run dir for pid files).
const live = new Map<number, { child: ChildProcess; dir: string }>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const { child, dir } of live.values()) {
      try {
        child.kill('SIGKILL');
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

/**
 * Starts a private OpenLDAP server and waits until the root DN can bind. Locally: the data is bulk-loaded with
 * slapadd into a temp dir under this run's dir, then slapd listens on 127.0.0.1 only. In container mode
 * (servers.ts) the same script runs in the docker/openldap image.
 */
export async function startSlapd(opts: StartSlapdOptions = {}): Promise<SlapdInstance> {
  const suffix = opts.suffix ?? DEFAULT_SUFFIX;
  const rootPassword = opts.rootPassword ?? DEFAULT_PASSWORD;
  const ldif = prepareBulkLdif(opts.ldif ?? '', suffix, { memberOf: opts.memberOf });
  const base = testRunDir();
  mkdirSync(base, { recursive: true });
  const dir = await mkdtemp(join(base, 'slapd-'));
  await writeFile(join(dir, 'load.ldif'), ldif);
  if (opts.extraConfig) await writeFile(join(dir, 'extra.conf'), opts.extraConfig + '\n');
  const settings: SlapdSettings = {
    suffix,
    rootDn: `cn=admin,${suffix}`,
    rootPassword,
    tls: opts.tls ?? false,
    lastbind: opts.lastbind ?? false,
    syncprov: opts.syncprov ?? true,
    extraConfig: opts.extraConfig,
    ppolicyDefault: opts.ppolicyDefault,
    configReader: opts.configReadableBy,
    dir,
  };
  try {
    if ((await serverMode()) === 'containers') {
      const { startSlapdContainer } = await import('./containers.js');
      return await startSlapdContainer(settings, opts.startTimeoutMs ?? 120_000);
    }
    await ensureSlapdInstalled();
    return await startLocal(settings, opts.startTimeoutMs ?? 20_000);
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function startLocal(s: SlapdSettings, timeoutMs: number): Promise<SlapdInstance> {
  const env = {
    ...slapdScriptEnv(s, { dir: s.dir, ldif: join(s.dir, 'load.ldif'), extraConf: join(s.dir, 'extra.conf') }),
    PATH: searchPath().join(delimiter),
  };
  const logFile = join(s.dir, 'slapd.log');
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let port = 0;
  let ldapsPort: number | undefined;
  let stopped = false;

  const spawnSlapd = async (): Promise<void> => {
    const logFd = openSync(logFile, 'a');
    const urls = `ldap://127.0.0.1:${port}/` + (ldapsPort ? ` ldaps://127.0.0.1:${ldapsPort}/` : '');
    const proc = spawn('bash', [SLAPD_SCRIPT, 'run'], {
      env: { ...process.env, ...env, LDAP_URLS: urls },
      stdio: ['ignore', logFd, logFd],
    });
    closeSync(logFd);
    proc.unref();
    child = proc;
    let exitInfo: string | undefined;
    exited = new Promise<void>((resolve) => {
      proc.on('exit', (code, signal) => {
        exitInfo = `exit ${signal ?? code}`;
        if (proc.pid) live.delete(proc.pid);
        resolve();
      });
      proc.on('error', (err) => {
        exitInfo = `spawn error: ${err.message}`;
        resolve();
      });
    });
    if (proc.pid) live.set(proc.pid, { child: proc, dir: s.dir });
    installExitHook();
    await waitForBind(`ldap://127.0.0.1:${port}`, s.rootDn, s.rootPassword, timeoutMs, () =>
      exitInfo ? `slapd did not start (${exitInfo}); ${logFile}:\n${tail(readLog(logFile))}` : undefined,
    );
  };

  // A port found free can be taken by someone else before slapd binds it: try again with new ports.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    ldapsPort = s.tls ? await freePort() : undefined;
    const logStart = readLog(logFile).length;
    try {
      await spawnSlapd();
      break;
    } catch (err) {
      const alive = child && child.exitCode === null && child.signalCode === null;
      if (alive) {
        child!.kill('SIGKILL');
        await exited;
      }
      const inUse = readLog(logFile).slice(logStart).includes('Address already in use');
      if (!inUse || attempt >= 5) throw err;
    }
  }

  const isRunning = () => !!child && child.exitCode === null && child.signalCode === null;
  const terminate = async (): Promise<void> => {
    if (!isRunning()) return;
    child!.kill('SIGTERM');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const url = `ldap://127.0.0.1:${port}`;
  const instance: SlapdInstance = {
    url,
    ldapsUrl: ldapsPort ? `ldaps://127.0.0.1:${ldapsPort}` : undefined,
    port,
    ldapsPort,
    suffix: s.suffix,
    rootDn: s.rootDn,
    rootPassword: s.rootPassword,
    caFile: s.tls ? join(s.dir, 'tls', 'ca.crt') : undefined,
    dataDir: s.dir,
    mode: 'local',
    async stop() {
      if (stopped) return;
      stopped = true;
      await terminate();
      await rm(s.dir, { recursive: true, force: true });
    },
    kill() {
      if (isRunning()) child!.kill('SIGKILL');
      return exited;
    },
    async restart() {
      if (stopped) throw new Error('restart(): this slapd was stopped and its data removed');
      await terminate();
      await spawnSlapd();
    },
    ldapTool(tool, args = [], input) {
      return runLdapTool(tool, ['-x', '-H', url, '-D', s.rootDn, '-w', s.rootPassword, ...args], input);
    },
  };
  return instance;
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function runLdapTool(tool: string, args: string[], input?: string): Promise<string> {
  const bin = findBinary(tool);
  if (!bin) return Promise.reject(new Error(`${tool} not found: install Debian's ldap-utils`));
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${tool} exited ${code}: ${stderr.trim() || stdout.trim()}`));
    });
    child.stdin.on('error', () => undefined); // the tool may exit before reading all its input
    child.stdin.end(input ?? '');
  });
}

/**
 * Kills the slapd processes left under a run dir (their pid files) and removes the dir. For global teardown.
 * Only a process whose command line names that dir is killed.
 */
export function sweepRunDir(runDir: string): number {
  let killed = 0;
  if (!existsSync(runDir)) return 0;
  const ls = spawnSync('find', [runDir, '-maxdepth', '2', '-name', 'slapd.pid'], { encoding: 'utf8' });
  for (const pidFile of (ls.stdout ?? '').split('\n').filter(Boolean)) {
    const pid = Number(readLog(pidFile).trim());
    if (!Number.isInteger(pid) || pid <= 1) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes('slapd') && cmdline.includes(runDir)) {
        process.kill(pid, 'SIGKILL');
        killed++;
      }
    } catch {
      // not running
    }
    try {
      unlinkSync(pidFile);
    } catch {
      // fine
    }
  }
  rmSync(runDir, { recursive: true, force: true });
  return killed;
}
