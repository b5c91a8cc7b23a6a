/**
 * A real Samba 4 Active Directory domain controller for integration tests (see docker/samba/vigie-samba.sh and
 * ../shared notes on directory servers).
 *
 *   sambaDc()        the run's shared DC, started on first use and stopped by global teardown. Tests isolate
 *                    themselves in their own OU (createTestOu) and read with that OU as base DN.
 *   startSambaDc()   a private DC, for tests that kill or restart it, load bulk data or need another domain;
 *                    stop() it in afterAll (it is killed at process exit and swept by teardown otherwise).
 *
 * Locally the domain is provisioned once per run and per realm (samba-tool, 5-14 s) into a template dir under
 * the run dir; each DC is a copy of the template (30 MB, instant) configured for its own loopback address and
 * started with `samba -F` (about 1 s). A DC's ports are fixed (389, 636, 88, 135...), so each DC gets its own
 * address from 127.0.0.11-127.0.0.42, claimed in /tmp/vigie-samba-claims across concurrent runs and added to `lo`
 * when missing. A claim whose run is gone (a SIGKILLed jest) is taken over: its samba is killed, its dir removed.
 *
 * With a container engine (TESTCONTAINERS, servers.ts) the same script runs in docker/samba's image instead: one
 * container per sambaDc()/startSambaDc() call in each test file, removed by Ryuk at the end.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Control } from 'ldapts';
import { aptInstall, findBinary, isProcessAlive, processStartTime, run, searchPath, sleep, tail, withLock } from './host.js';
import { RUN_ID_ENV, serverMode, testRunDir, testRunId } from './servers.js';
import { waitForBind } from './server-readiness.js';
import { SAMBA_ADMIN_PASSWORD, type SambaInstance, unicodePwdBase64 } from './samba-instance.js';

// Re-exported: callers found them here. They live apart so that the container starter (containers.ts), which this
// file loads on demand, can use them without importing this file back.
export { SAMBA_ADMIN_PASSWORD, type SambaInstance, unicodePwdBase64 } from './samba-instance.js';

export interface SambaDomainOptions {
  /** Kerberos realm = DNS domain in upper case; default ACME.TEST (base DN DC=acme,DC=test). */
  realm?: string;
  /** NetBIOS domain name; default the realm's first label (ACME). */
  domain?: string;
}

export interface StartSambaOptions extends SambaDomainOptions {
  /** How long to wait for a working bind; default 60 s locally (provisioning included), 300 s for a container. */
  startTimeoutMs?: number;
}

export const DEFAULT_REALM = 'ACME.TEST';
/** docker/samba/vigie-samba.sh, found from this file (test/support/). */
export const SAMBA_SCRIPT = fileURLToPath(new URL('../../docker/samba/vigie-samba.sh', import.meta.url));
/** Set by global setup: the pid of the jest process that owns the run (a claim dies with it). */
export const OWNER_PID_ENV = 'VIGIE_TEST_OWNER_PID';

const HOST_NAME = 'DC1';
const CLAIMS_DIR = '/tmp/vigie-samba-claims';
const ADDRESSES = Array.from({ length: 32 }, (_, i) => `127.0.0.${11 + i}`);
const PACKAGES = ['samba', 'samba-ad-provision', 'samba-dsdb-modules', 'samba-vfs-modules', 'winbind', 'ldb-tools', 'ldap-utils', 'openssl', 'iproute2'];
const BINARIES = ['samba', 'samba-tool', 'ldapmodify', 'ldapsearch', 'ldapdelete', 'openssl', 'ip'];
const PROVISION_DATA = '/usr/share/samba/setup/ad-schema';

export function baseDnOfRealm(realm: string): string {
  return realm
    .toLowerCase()
    .split('.')
    .map((label) => `DC=${label}`)
    .join(',');
}

function domainSettings(options: SambaDomainOptions): { realm: string; domain: string; baseDn: string } {
  const realm = (options.realm ?? DEFAULT_REALM).toUpperCase();
  if (!/^[A-Z0-9-]+(\.[A-Z0-9-]+)+$/.test(realm)) throw new Error(`realm ${realm}: expected a DNS domain such as ACME.TEST`);
  const domain = (options.domain ?? realm.split('.')[0]).toUpperCase();
  return { realm, domain, baseDn: baseDnOfRealm(realm) };
}

function missingSamba(): string[] {
  const missing = BINARIES.filter((b) => !findBinary(b));
  if (!existsSync(PROVISION_DATA)) missing.push(`${PROVISION_DATA} (samba-ad-provision)`);
  return missing;
}

/**
 * Makes sure Samba's AD DC, the OpenLDAP client tools, openssl and ip are there. As root, installs Debian's
 * packages with apt-get when something is missing (their own daemons kept off by policy-rc.d); otherwise throws
 * what to install. Safe when several processes call it at once.
 */
export async function ensureSambaInstalled(): Promise<void> {
  if (missingSamba().length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Samba's AD domain controller is not installed here (missing: ${missingSamba().join(', ')}). As root: ` +
        `apt-get install --no-install-recommends ${PACKAGES.join(' ')} (a policy-rc.d that exits 101 keeps the ` +
        `packages' own samba from starting), or run the tests with TESTCONTAINERS=force on a machine with Docker.`,
    );
  }
  await aptInstall(PACKAGES, missingSamba, { noRecommends: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Provisioned templates, one per realm and run.

/** Provisions the realm once per run (under a lock: concurrent workers wait for the first) and returns its dir. */
async function sambaTemplate(realm: string, domain: string): Promise<string> {
  const runDir = testRunDir();
  mkdirSync(runDir, { recursive: true });
  const dir = join(runDir, `samba-template-${realm.toLowerCase()}`);
  const marker = join(dir, 'provisioned.json');
  if (existsSync(marker)) return dir;
  await withLock(`${dir}.lock`, async () => {
    if (existsSync(marker)) return;
    rmSync(dir, { recursive: true, force: true });
    const started = Date.now();
    const result = await run('bash', [SAMBA_SCRIPT, 'provision'], {
      ...scriptEnv(dir, realm, domain),
      PATH: searchPath().join(delimiter),
    });
    if (result.code !== 0) throw new Error(`provisioning the Samba domain ${realm} failed:\n${tail(result.output, 25)}`);
    writeFileSync(marker, JSON.stringify({ realm, domain, provisionMs: Date.now() - started }) + '\n');
  });
  return dir;
}

/** How long this run's provisioning of the realm took (ms), when it has been done locally. */
export function provisionTimeMs(realm = DEFAULT_REALM): number | undefined {
  try {
    const marker = join(testRunDir(), `samba-template-${realm.toLowerCase()}`, 'provisioned.json');
    return (JSON.parse(readFileSync(marker, 'utf8')) as { provisionMs: number }).provisionMs;
  } catch {
    return undefined;
  }
}

function scriptEnv(dir: string, realm: string, domain: string, address?: string): Record<string, string> {
  return {
    SAMBA_DIR: dir,
    SAMBA_REALM: realm,
    SAMBA_DOMAIN: domain,
    SAMBA_HOST_NAME: HOST_NAME,
    SAMBA_ADMIN_PASSWORD,
    SAMBA_INTERFACES: address ?? '',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Loopback addresses: one DC per address, claimed across runs.

interface Claim {
  address: string;
  runId: string;
  ownerPid: number;
  ownerStart?: number;
  /** The DC's dir, once known: a takeover kills its samba and removes it. */
  dir?: string;
}

function ownerPid(): number {
  const fromSetup = Number(process.env[OWNER_PID_ENV]);
  return Number.isInteger(fromSetup) && fromSetup > 1 ? fromSetup : process.pid;
}

function readClaim(file: string): Claim | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Claim;
  } catch {
    return undefined;
  }
}

const claimFile = (address: string) => join(CLAIMS_DIR, `${address}.json`);

/** Whether nothing listens on address:port (tried by binding it; root may bind privileged ports). */
function portFree(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: address, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Claims a free address for a DC that will live in dir (taking over the claims of dead runs). */
async function claimAddress(dir: string): Promise<string> {
  mkdirSync(CLAIMS_DIR, { recursive: true });
  return withLock(join(CLAIMS_DIR, '.lock'), async () => {
    const busy: string[] = [];
    for (const address of ADDRESSES) {
      const existing = readClaim(claimFile(address));
      if (existing) {
        if (isProcessAlive(existing.ownerPid, existing.ownerStart)) continue;
        releaseDeadClaim(existing);
      }
      if (!(await portFree(address, 389)) || !(await portFree(address, 636))) {
        busy.push(address);
        continue;
      }
      const owner = ownerPid();
      const claim: Claim = { address, runId: testRunId(), ownerPid: owner, ownerStart: processStartTime(owner), dir };
      writeFileSync(claimFile(address), JSON.stringify(claim) + '\n');
      return address;
    }
    throw new Error(
      `no loopback address free for a Samba DC among ${ADDRESSES[0]}-${ADDRESSES[ADDRESSES.length - 1]} ` +
        `(live claims in ${CLAIMS_DIR}; ports 389/636 taken on ${busy.join(', ') || 'none'}: is a system slapd or ` +
        `samba listening on 0.0.0.0:389? See ss -ltnp)`,
    );
  });
}

function releaseClaim(address: string, dir: string): void {
  const claim = readClaim(claimFile(address));
  if (claim && claim.dir === dir) rmSync(claimFile(address), { force: true });
}

/** A claim of a run that is gone: kill its samba if it still runs, remove its Samba dirs and the claim. */
function releaseDeadClaim(claim: Claim): void {
  if (claim.dir) {
    killSambaOf(claim.dir);
    rmSync(claim.dir, { recursive: true, force: true });
  }
  if (/^[a-z0-9]+$/.test(claim.runId)) {
    const runDir = testRunDir(claim.runId);
    for (const name of existsSync(runDir) ? readdirSync(runDir) : []) {
      if (name.startsWith('samba-')) rmSync(join(runDir, name), { recursive: true, force: true });
    }
  }
  rmSync(claimFile(claim.address), { force: true });
}

/** Puts address on `lo` when it is not on an interface yet: Samba ignores `interfaces` entries it cannot find. */
async function ensureLoopbackAddress(address: string): Promise<void> {
  const present = Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address === address));
  if (present) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`${address} is not on the loopback interface and only root can add it: sudo ip addr add ${address}/32 dev lo`);
  }
  const ip = findBinary('ip');
  if (!ip) throw new Error(`cannot add ${address} to lo: the ip command is missing (Debian's iproute2)`);
  const result = await run(ip, ['addr', 'add', `${address}/32`, 'dev', 'lo']);
  // "File exists": another process added it meanwhile.
  if (result.code !== 0 && !/File exists/i.test(result.output)) {
    throw new Error(`ip addr add ${address}/32 dev lo failed: ${result.output.trim()}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A local DC: its dir holds everything, dc.json says which process runs it, so that any process can stop it.

interface LocalSettings {
  dir: string;
  address: string;
  realm: string;
  domain: string;
  baseDn: string;
  shared: boolean;
}

interface RunningState {
  pid: number;
  startTime?: number;
}

const dcFile = (dir: string) => join(dir, 'dc.json');

function readRunning(dir: string): RunningState | undefined {
  try {
    return JSON.parse(readFileSync(dcFile(dir), 'utf8')) as RunningState;
  } catch {
    return undefined;
  }
}

function runningPid(dir: string): number | undefined {
  const state = readRunning(dir);
  return state && isProcessAlive(state.pid, state.startTime) && servesDir(state.pid, dir) ? state.pid : undefined;
}

/**
 * Whether pid is the samba of dir: it was started with dir as its working directory. (Samba overwrites its
 * command line and environment with its process title, so neither can tell.)
 */
function servesDir(pid: number, dir: string): boolean {
  try {
    const cwd = readlinkSync(`/proc/${pid}/cwd`);
    return cwd === dir || cwd === `${dir} (deleted)`;
  } catch {
    return false;
  }
}

/** SIGKILL to the process group of the samba serving dir (started detached: the group is its pid). */
function killSambaOf(dir: string): boolean {
  const pid = runningPid(dir);
  if (!pid) return false;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      return false;
    }
  }
  return true;
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Waits until pid is gone and nothing answers on address:389. */
async function waitGone(pid: number | undefined, address: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((pid === undefined || !isProcessAlive(pid)) && !(await connects(address, 389))) return true;
    await sleep(25);
  }
  return false;
}

// Private DCs started by this process, killed when it exits (a forgotten stop() must not leave samba behind).
const privateDcs = new Map<string, { address: string }>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [dir, { address }] of privateDcs) {
      killSambaOf(dir);
      rmSync(dir, { recursive: true, force: true });
      releaseClaim(address, dir);
    }
  });
}

async function spawnDc(s: LocalSettings, timeoutMs: number): Promise<void> {
  const logFile = join(s.dir, 'log', 'stdout.log');
  mkdirSync(join(s.dir, 'log'), { recursive: true });
  const logFd = openSync(logFile, 'a');
  // detached: samba leads its own process group, so kill() reaches its prefork children in one signal, and
  // a shared DC outlives the test file (and worker) that started it.
  const child = spawn('bash', [SAMBA_SCRIPT, 'run'], {
    env: { ...process.env, ...scriptEnv(s.dir, s.realm, s.domain, s.address), PATH: searchPath().join(delimiter) },
    stdio: ['ignore', logFd, logFd],
    detached: true,
    // The way to recognise this samba later (servesDir).
    cwd: s.dir,
  });
  closeSync(logFd);
  child.unref();
  let exitInfo: string | undefined;
  child.on('exit', (code, signal) => (exitInfo = `exit ${signal ?? code}`));
  child.on('error', (err) => (exitInfo = `spawn error: ${err.message}`));
  if (!child.pid) throw new Error(`could not start samba: ${exitInfo ?? 'no pid'}`);
  writeFileSync(dcFile(s.dir), JSON.stringify({ pid: child.pid, startTime: processStartTime(child.pid) }) + '\n');
  const url = `ldap://${s.address}:389`;
  try {
    await waitForBind(url, adminDnOf(s.baseDn), SAMBA_ADMIN_PASSWORD, timeoutMs, () =>
      exitInfo
        ? `samba did not start (${exitInfo}); ${logFile} and ${join(s.dir, 'log', 'samba.log')}:\n${tail(readText(logFile) + readText(join(s.dir, 'log', 'samba.log')), 25)}`
        : undefined,
    );
  } catch (err) {
    killSambaOf(s.dir);
    throw err;
  }
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

const adminDnOf = (baseDn: string) => `CN=Administrator,CN=Users,${baseDn}`;

/** Samba's ports are fixed and privileged (88, 135, 389, 636): only root may bind them, unless the kernel allows all. */
function checkMayListen(): void {
  if (process.getuid?.() === 0) return;
  let firstUnprivileged = 1024;
  try {
    firstUnprivileged = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8').trim());
  } catch {
    // not Linux: assume the classic rule
  }
  if (firstUnprivileged <= 88) return;
  throw new Error(
    'The Samba AD DC of the tests listens on the fixed ports 88, 135, 389 and 636, which only root may use here. ' +
      'Run the integration tests as root, or with TESTCONTAINERS=force on a machine with Docker.',
  );
}

/** A new DC dir from the realm's template, with its own address: configured, not started. */
async function prepareLocal(options: SambaDomainOptions, shared: boolean): Promise<LocalSettings> {
  checkMayListen();
  await ensureSambaInstalled();
  const { realm, domain, baseDn } = domainSettings(options);
  const template = await sambaTemplate(realm, domain);
  const dir = join(testRunDir(), `samba-dc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`);
  const address = await claimAddress(dir);
  try {
    await ensureLoopbackAddress(address);
    cpSync(template, dir, { recursive: true });
    rmSync(join(dir, 'provisioned.json'), { force: true });
    const configured = await run('bash', [SAMBA_SCRIPT, 'configure'], { ...scriptEnv(dir, realm, domain, address), PATH: searchPath().join(delimiter) });
    if (configured.code !== 0) throw new Error(`configuring the Samba DC in ${dir} failed:\n${tail(configured.output)}`);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    releaseClaim(address, dir);
    throw err;
  }
  return { dir, address, realm, domain, baseDn, shared };
}

function localInstance(s: LocalSettings, timeoutMs: number): SambaInstance {
  const adminDn = adminDnOf(s.baseDn);
  const url = `ldap://${s.address}:389`;
  const ldapsUrl = `ldaps://${s.address}:636`;
  const caFile = join(s.dir, 'tls', 'ca.crt');
  let removed = false;

  const stopProcess = async (): Promise<void> => {
    const pid = runningPid(s.dir);
    if (pid) {
      process.kill(pid, 'SIGTERM');
      if (!(await waitGone(pid, s.address, 10_000))) killSambaOf(s.dir);
    }
    await waitGone(undefined, s.address, 10_000);
  };
  const tool: SambaInstance['ldapTool'] = (name, args = [], input, options = {}) =>
    runLdapTool(name, ['-x', '-H', options.url ?? url, '-D', adminDn, '-w', SAMBA_ADMIN_PASSWORD, ...args], input, caFile);

  const instance: SambaInstance = {
    url,
    ldapsUrl,
    host: s.address,
    port: 389,
    ldapsPort: 636,
    baseDn: s.baseDn,
    realm: s.realm,
    domain: s.domain,
    adminDn,
    adminPassword: SAMBA_ADMIN_PASSWORD,
    caFile,
    dataDir: s.dir,
    mode: 'local',
    shared: s.shared,
    ldapTool: tool,
    async addLdif(ldif, options = {}) {
      await tool('ldapmodify', ['-a', ...(options.continueOnError ? ['-c'] : [])], ldif, { url: options.tls ? ldapsUrl : url });
    },
    async modifyLdif(ldif, options = {}) {
      await tool('ldapmodify', options.continueOnError ? ['-c'] : [], ldif, { url: options.tls ? ldapsUrl : url });
    },
    setPassword: (dn, password) => setPasswordWith(instance, dn, password),
    async stop() {
      if (removed) return;
      await stopProcess();
      if (s.shared) return;
      removed = true;
      privateDcs.delete(s.dir);
      // samba's last children may still be writing their files as it exits: retry a directory not yet empty, then
      // leave it to the run's teardown (sweepRunDir) rather than fail a suite whose tests all passed.
      try {
        rmSync(s.dir, { recursive: true, force: true, maxRetries: 25, retryDelay: 200 });
      } catch (err) {
        process.stderr.write(`[vigie test] ${s.dir} not removed yet (${(err as NodeJS.ErrnoException).code}): the run's teardown removes it\n`);
      }
      releaseClaim(s.address, s.dir);
    },
    async kill() {
      const pid = runningPid(s.dir);
      killSambaOf(s.dir);
      if (!(await waitGone(pid, s.address, 10_000))) throw new Error(`samba on ${s.address} still answers after SIGKILL`);
    },
    async restart() {
      if (removed) throw new Error('restart(): this Samba DC was stopped and its data removed');
      await stopProcess();
      await spawnDc(s, timeoutMs);
    },
  };
  return instance;
}

function runLdapTool(tool: string, args: string[], input: string | undefined, caFile: string): Promise<string> {
  const bin = findBinary(tool);
  if (!bin) return Promise.reject(new Error(`${tool} not found: install Debian's ldap-utils`));
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, LDAPTLS_CACERT: caFile, LDAPTLS_REQCERT: 'demand' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${tool} exited ${code}: ${tail(stderr || stdout, 10)}`));
    });
    child.stdin.on('error', () => undefined); // the tool may exit before reading all its input
    child.stdin.end(input ?? '');
  });
}

async function setPasswordWith(dc: SambaInstance, dn: string, password: string): Promise<void> {
  const ldif = `dn: ${dn}\nchangetype: modify\nreplace: unicodePwd\nunicodePwd:: ${unicodePwdBase64(password)}\n-\n`;
  await dc.modifyLdif(ldif, { tls: true });
}

// ---------------------------------------------------------------------------------------------------------------
// The shared DC of the run.

const sharedFile = () => join(testRunDir(), 'samba-shared.json');
let sharedInstance: Promise<SambaInstance> | undefined;

/**
 * The run's shared DC (realm ACME.TEST), started on first use by whichever test process asks first and stopped
 * by global teardown; later callers (other test files, other workers) attach to it. Create your objects in your
 * own OU (createTestOu) and read with it as base DN: other tests write to the same domain at the same time.
 */
export async function sambaDc(options: { startTimeoutMs?: number } = {}): Promise<SambaInstance> {
  const known = await sharedInstance?.catch(() => undefined);
  // A test may have stopped or killed it: then it is started again, on the same data.
  if (known && (known.mode === 'container' || runningPid(known.dataDir))) return known;
  sharedInstance = openShared(options.startTimeoutMs);
  sharedInstance.catch(() => (sharedInstance = undefined));
  return sharedInstance;
}

async function openShared(startTimeoutMs?: number): Promise<SambaInstance> {
  if ((await serverMode()) === 'containers') {
    const { startSambaContainer } = await import('./containers.js');
    return startSambaContainer({ ...domainSettings({}), shared: true }, startTimeoutMs ?? 300_000);
  }
  const timeoutMs = startTimeoutMs ?? 60_000;
  await ensureSambaInstalled();
  mkdirSync(testRunDir(), { recursive: true });
  return withLock(`${sharedFile()}.lock`, async () => {
    let settings = readShared();
    if (settings && !existsSync(settings.dir)) settings = undefined;
    if (!settings) {
      settings = await prepareLocal({}, true);
      writeFileSync(sharedFile(), JSON.stringify(settings) + '\n');
    }
    const instance = localInstance(settings, timeoutMs);
    if (!runningPid(settings.dir)) await spawnDc(settings, timeoutMs);
    return instance;
  });
}

function readShared(): LocalSettings | undefined {
  try {
    return JSON.parse(readFileSync(sharedFile(), 'utf8')) as LocalSettings;
  } catch {
    return undefined;
  }
}

/**
 * A private DC, for tests that kill or restart it, load bulk data or need a second domain (realm option).
 * Costs about 1 s once the realm is provisioned in this run. stop() it in afterAll.
 */
export async function startSambaDc(options: StartSambaOptions = {}): Promise<SambaInstance> {
  if ((await serverMode()) === 'containers') {
    const { startSambaContainer } = await import('./containers.js');
    return startSambaContainer({ ...domainSettings(options), shared: false }, options.startTimeoutMs ?? 300_000);
  }
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const settings = await prepareLocal(options, false);
  privateDcs.set(settings.dir, { address: settings.address });
  installExitHook();
  try {
    await spawnDc(settings, timeoutMs);
  } catch (err) {
    privateDcs.delete(settings.dir);
    rmSync(settings.dir, { recursive: true, force: true });
    releaseClaim(settings.address, settings.dir);
    throw err;
  }
  return localInstance(settings, timeoutMs);
}

// ---------------------------------------------------------------------------------------------------------------
// Test OUs.

export interface TestOu {
  /** OU=<name> <tag>,<baseDn> */
  readonly dn: string;
  /** 4 characters unique to this OU; fixtures loaded into it prefix their sAMAccountNames with `<tag>-`. */
  readonly tag: string;
  readonly dc: SambaInstance;
  /**
   * Deletes the OU and everything under it (AD's tree-delete control). Samba deletes about 100 objects/s, and
   * far fewer when they belong to a large group: leave bulk data to a private DC and stop() that instead.
   */
  remove(): Promise<void>;
}

/** AD's tree-delete control (1.2.840.113556.1.4.805): deletes a subtree in one request. No value. */
class TreeDeleteControl extends Control {
  constructor() {
    super('1.2.840.113556.1.4.805', { critical: true });
  }
}

/** Creates `OU=<name> <tag>` under the DC's base DN (the shared DC by default) and returns it; remove() in afterAll. */
export async function createTestOu(name: string, dc?: SambaInstance): Promise<TestOu> {
  const target = dc ?? (await sambaDc());
  const tag = Math.random().toString(36).slice(2, 6).padEnd(4, '0');
  const dn = `OU=${escapeRdnValue(name)} ${tag},${target.baseDn}`;
  await target.addLdif(`dn: ${dn}\nobjectClass: organizationalUnit\ndescription: test OU of ${process.env[RUN_ID_ENV] ?? 'a test'}\n`);
  let removed = false;
  return {
    dn,
    tag,
    dc: target,
    async remove() {
      if (removed) return;
      const client = new Client({ url: target.url, timeout: 600_000 });
      try {
        await client.bind(target.adminDn, target.adminPassword);
        await client.del(dn, [new TreeDeleteControl()]);
        removed = true;
      } finally {
        await client.unbind().catch(() => undefined);
      }
    },
  };
}

/** RFC 4514 escaping of an attribute value in a DN. */
export function escapeRdnValue(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^([ #])/, '\\$1')
    .replace(/ $/, '\\ ');
}

// ---------------------------------------------------------------------------------------------------------------
// Global setup and teardown.

/** Global teardown: kills the run's DCs (shared and forgotten private ones) and frees their addresses. */
export function stopRunSambaDcs(runId: string): number {
  const runDir = testRunDir(runId);
  let killed = 0;
  if (existsSync(runDir)) {
    for (const name of readdirSync(runDir)) {
      if (!name.startsWith('samba-dc-')) continue;
      if (killSambaOf(join(runDir, name))) killed++;
    }
  }
  if (existsSync(CLAIMS_DIR)) {
    for (const name of readdirSync(CLAIMS_DIR)) {
      const claim = name.endsWith('.json') ? readClaim(join(CLAIMS_DIR, name)) : undefined;
      if (claim?.runId === runId) rmSync(join(CLAIMS_DIR, name), { force: true });
    }
  }
  return killed;
}

/** Global setup: frees the addresses of runs whose jest process is gone (killed), with their DCs and dirs. */
export function sweepDeadSambaClaims(): number {
  if (!existsSync(CLAIMS_DIR)) return 0;
  let swept = 0;
  for (const name of readdirSync(CLAIMS_DIR)) {
    const claim = name.endsWith('.json') ? readClaim(join(CLAIMS_DIR, name)) : undefined;
    if (!claim || isProcessAlive(claim.ownerPid, claim.ownerStart)) continue;
    releaseDeadClaim(claim);
    swept++;
  }
  return swept;
}

/** `samba -V`, or undefined when samba is not installed. */
export function sambaVersion(): string | undefined {
  const bin = findBinary('samba');
  if (!bin) return undefined;
  const r = spawnSync(bin, ['-V'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Domain password settings.

/**
 * Sets the domain's account lockout policy with `samba-tool domain passwordsettings set` on the DC's own sam.ldb (as
 * an administrator would): after `threshold` failed passwords an account is locked for `durationMinutes`. Domain-wide:
 * use a private DC (startSambaDc), never the run's shared one, whose other tests would lock themselves out.
 */
export async function setAccountLockout(dc: SambaInstance, options: { threshold: number; durationMinutes?: number }): Promise<void> {
  if (dc.shared) throw new Error('setAccountLockout: the lockout policy is domain-wide; use a private DC (startSambaDc)');
  if (dc.mode !== 'local') throw new Error('setAccountLockout: samba-tool runs on the DC itself; not available in container mode');
  const minutes = String(options.durationMinutes ?? 30);
  const { code, output } = await run('samba-tool', [
    'domain',
    'passwordsettings',
    'set',
    `--account-lockout-threshold=${options.threshold}`,
    `--account-lockout-duration=${minutes}`,
    `--reset-account-lockout-after=${minutes}`,
    '-s',
    join(dc.dataDir, 'etc', 'smb.conf'),
  ]);
  if (code !== 0) throw new Error(`samba-tool domain passwordsettings set exited ${code}: ${tail(output)}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Delegated rights.

/**
 * Adds ACEs (SDDL, e.g. `(OA;CI;WP;<member>;<group>;<SID>)`) to the security descriptor of objectDn with
 * `samba-tool dsacl set` on the DC's own sam.ldb, as an administrator delegating control would. Local DCs only.
 */
export async function addAces(dc: SambaInstance, objectDn: string, sddl: string): Promise<void> {
  if (dc.mode !== 'local') throw new Error('addAces: samba-tool runs on the DC itself; not available in container mode');
  const { code, output } = await run('samba-tool', [
    'dsacl',
    'set',
    `--objectdn=${objectDn}`,
    `--sddl=${sddl}`,
    '-H',
    join(dc.dataDir, 'private', 'sam.ldb'),
    '-s',
    join(dc.dataDir, 'etc', 'smb.conf'),
  ]);
  if (code !== 0) throw new Error(`samba-tool dsacl set exited ${code}: ${tail(output)}`);
}
