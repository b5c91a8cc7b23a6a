/**
 * Container mode (servers.ts): the same servers, from Testcontainers. Loaded only in that mode.
 *   - PostgreSQL: one postgres:15 container per run, started by global setup (its admin URL in VIGIE_TEST_PG_URL).
 *   - OpenLDAP: one container per startSlapd(), from docker/openldap/Dockerfile, which runs the same
 *     vigie-slapd.sh as the local harness. The image is built once per run by global setup.
 *   - Samba AD: one container per sambaDc()/startSambaDc() of a test file, from docker/samba/Dockerfile, which runs
 *     the same vigie-samba.sh as the local harness (provisioned at the container's first start: CAP_SYS_ADMIN).
 * A container's host port is fixed (a free local port) so that the URL stays the same across kill()/restart().
 */
import { mkdirSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PostgreSqlContainer, type StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import { GenericContainer, getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { testRunDir } from './servers.js';
import { SAMBA_ADMIN_PASSWORD, unicodePwdBase64, type SambaInstance } from './samba-instance.js';
import { freePort, waitForBind } from './server-readiness.js';
import { slapdScriptEnv, type SlapdInstance, type SlapdSettings } from './slapd-instance.js';

export const OPENLDAP_IMAGE_ENV = 'VIGIE_TEST_OPENLDAP_IMAGE';
const OPENLDAP_CONTEXT = fileURLToPath(new URL('../../docker/openldap/', import.meta.url));
const OPENLDAP_IMAGE = 'vigie-test-openldap:local';
const IN_CONTAINER_DIR = '/var/lib/vigie-ldap';

let imageBuild: Promise<string> | undefined;

/** Builds docker/openldap/Dockerfile (layer cache makes later builds quick) and returns the image name. */
export function openldapImage(): Promise<string> {
  const known = process.env[OPENLDAP_IMAGE_ENV];
  if (known) return Promise.resolve(known);
  imageBuild ??= GenericContainer.fromDockerfile(OPENLDAP_CONTEXT, 'Dockerfile')
    .build(OPENLDAP_IMAGE, { deleteOnExit: false })
    .then(() => {
      process.env[OPENLDAP_IMAGE_ENV] = OPENLDAP_IMAGE;
      return OPENLDAP_IMAGE;
    });
  return imageBuild;
}

export async function startSlapdContainer(s: SlapdSettings, timeoutMs: number): Promise<SlapdInstance> {
  const image = await openldapImage();
  const port = await freePort();
  const ldapsPort = s.tls ? await freePort() : undefined;
  const client = await getContainerRuntimeClient();
  const host = client.info.containerRuntime.host;
  const env = {
    ...slapdScriptEnv(s, { dir: IN_CONTAINER_DIR, ldif: '/ldif/load.ldif', extraConf: '/ldif/extra.conf' }),
    LDAP_TLS_SAN: isIP(host) ? `IP:${host}` : `DNS:${host}`,
  };
  const files = [{ content: await readFile(join(s.dir, 'load.ldif')), target: '/ldif/load.ldif' }];
  if (s.extraConfig) files.push({ content: Buffer.from(s.extraConfig + '\n'), target: '/ldif/extra.conf' });
  const container: StartedTestContainer = await new GenericContainer(image)
    .withEnvironment(env)
    .withCopyContentToContainer(files)
    .withExposedPorts({ container: 389, host: port }, ...(ldapsPort ? [{ container: 636, host: ldapsPort }] : []))
    .withStartupTimeout(timeoutMs)
    .start();

  const url = `ldap://${host}:${port}`;
  let caFile: string | undefined;
  try {
    await waitForBind(url, s.rootDn, s.rootPassword, timeoutMs);
    if (s.tls) {
      const ca = await container.exec(['cat', `${IN_CONTAINER_DIR}/tls/ca.crt`]);
      if (ca.exitCode !== 0) throw new Error(`cannot read the CA from the container: ${ca.output}`);
      caFile = join(s.dir, 'ca.crt');
      await writeFile(caFile, ca.stdout);
    }
  } catch (err) {
    await container.stop().catch(() => undefined);
    throw err;
  }

  let stopped = false;
  return {
    url,
    ldapsUrl: ldapsPort ? `ldaps://${host}:${ldapsPort}` : undefined,
    port,
    ldapsPort,
    suffix: s.suffix,
    rootDn: s.rootDn,
    rootPassword: s.rootPassword,
    caFile,
    dataDir: s.dir,
    mode: 'container',
    async stop() {
      if (stopped) return;
      stopped = true;
      await container.stop({ timeout: 5_000 });
      await rm(s.dir, { recursive: true, force: true });
    },
    async kill() {
      // slapd is the container's PID 1 (the entrypoint execs it): killing the container kills slapd.
      await client.container
        .getById(container.getId())
        .kill({ signal: 'SIGKILL' })
        .catch(() => undefined);
    },
    async restart() {
      if (stopped) throw new Error('restart(): this slapd container was stopped and removed');
      await container.restart({ timeout: 5_000 });
      await waitForBind(url, s.rootDn, s.rootPassword, timeoutMs);
    },
    async ldapTool(tool, args = [], input) {
      const target = `/tmp/input-${Date.now()}-${Math.random().toString(36).slice(2)}.ldif`;
      await container.copyContentToContainer([{ content: input ?? '', target }]);
      const cmd = [
        'sh',
        '-c',
        'f=$1; shift; "$@" < "$f"; rc=$?; rm -f "$f"; exit $rc',
        'sh',
        target,
        tool,
        '-x',
        '-H',
        'ldap://127.0.0.1:389',
        '-D',
        s.rootDn,
        '-w',
        s.rootPassword,
        ...args,
      ];
      const result = await container.exec(cmd);
      if (result.exitCode !== 0) throw new Error(`${tool} exited ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim()}`);
      return result.stdout;
    },
  };
}

const SAMBA_CONTEXT = fileURLToPath(new URL('../../docker/samba/', import.meta.url));
const SAMBA_IMAGE = 'vigie-test-samba:local';
const SAMBA_IN_CONTAINER_DIR = '/var/lib/vigie-samba';
let sambaImageBuild: Promise<string> | undefined;

/** Builds docker/samba/Dockerfile once per process (the layer cache makes later builds quick). */
function sambaImage(): Promise<string> {
  sambaImageBuild ??= GenericContainer.fromDockerfile(SAMBA_CONTEXT, 'Dockerfile')
    .build(SAMBA_IMAGE, { deleteOnExit: false })
    .then(() => SAMBA_IMAGE);
  return sambaImageBuild;
}

export async function startSambaContainer(s: { realm: string; domain: string; baseDn: string; shared: boolean }, timeoutMs: number): Promise<SambaInstance> {
  const image = await sambaImage();
  const [port, ldapsPort] = [await freePort(), await freePort()];
  const client = await getContainerRuntimeClient();
  const host = client.info.containerRuntime.host;
  const container: StartedTestContainer = await new GenericContainer(image)
    .withEnvironment({
      SAMBA_REALM: s.realm,
      SAMBA_DOMAIN: s.domain,
      SAMBA_ADMIN_PASSWORD,
      SAMBA_TLS_SAN: isIP(host) ? `IP:${host}` : `DNS:${host}`,
    })
    // Provisioning stores NT ACLs in security.* extended attributes.
    .withAddedCapabilities('SYS_ADMIN')
    .withExposedPorts({ container: 389, host: port }, { container: 636, host: ldapsPort })
    .withStartupTimeout(timeoutMs)
    .start();
  const adminDn = `CN=Administrator,CN=Users,${s.baseDn}`;
  const url = `ldap://${host}:${port}`;
  const dataDir = join(testRunDir(), `samba-container-${container.getId().slice(0, 12)}`);
  const caFile = join(dataDir, 'ca.crt');
  try {
    await waitForBind(url, adminDn, SAMBA_ADMIN_PASSWORD, timeoutMs);
    const ca = await container.exec(['cat', `${SAMBA_IN_CONTAINER_DIR}/tls/ca.crt`]);
    if (ca.exitCode !== 0) throw new Error(`cannot read the CA from the container: ${ca.output}`);
    mkdirSync(dataDir, { recursive: true });
    await writeFile(caFile, ca.stdout);
  } catch (err) {
    await container.stop().catch(() => undefined);
    throw err;
  }

  const inside = { ldap: 'ldap://127.0.0.1:389', ldaps: 'ldaps://127.0.0.1:636' };
  const tool: SambaInstance['ldapTool'] = async (name, args = [], input, options = {}) => {
    const target = `/tmp/input-${Date.now()}-${Math.random().toString(36).slice(2)}.ldif`;
    await container.copyContentToContainer([{ content: input ?? '', target }]);
    const uri = options.url?.startsWith('ldaps:') ? inside.ldaps : inside.ldap;
    const cmd = [
      'sh',
      '-c',
      'f=$1; shift; "$@" < "$f"; rc=$?; rm -f "$f"; exit $rc',
      'sh',
      target,
      'env',
      `LDAPTLS_CACERT=${SAMBA_IN_CONTAINER_DIR}/tls/ca.crt`,
      name,
      '-x',
      '-H',
      uri,
      '-D',
      adminDn,
      '-w',
      SAMBA_ADMIN_PASSWORD,
      ...args,
    ];
    const result = await container.exec(cmd);
    if (result.exitCode !== 0) throw new Error(`${name} exited ${result.exitCode}: ${result.stderr.trim() || result.stdout.trim()}`);
    return result.stdout;
  };
  let stopped = false;
  const instance: SambaInstance = {
    url,
    ldapsUrl: `ldaps://${host}:${ldapsPort}`,
    host,
    port,
    ldapsPort,
    baseDn: s.baseDn,
    realm: s.realm,
    domain: s.domain,
    adminDn,
    adminPassword: SAMBA_ADMIN_PASSWORD,
    caFile,
    dataDir,
    mode: 'container',
    shared: s.shared,
    ldapTool: tool,
    async addLdif(ldif, options = {}) {
      await tool('ldapmodify', ['-a', ...(options.continueOnError ? ['-c'] : [])], ldif, { url: options.tls ? 'ldaps:' : undefined });
    },
    async modifyLdif(ldif, options = {}) {
      await tool('ldapmodify', options.continueOnError ? ['-c'] : [], ldif, { url: options.tls ? 'ldaps:' : undefined });
    },
    async setPassword(dn, password) {
      await instance.modifyLdif(`dn: ${dn}\nchangetype: modify\nreplace: unicodePwd\nunicodePwd:: ${unicodePwdBase64(password)}\n-\n`, { tls: true });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await container.stop({ timeout: 5_000 });
      await rm(dataDir, { recursive: true, force: true });
    },
    async kill() {
      // samba is the container's PID 1 (the entrypoint execs it): killing the container kills the DC.
      await client.container
        .getById(container.getId())
        .kill({ signal: 'SIGKILL' })
        .catch(() => undefined);
    },
    async restart() {
      if (stopped) throw new Error('restart(): this Samba container was stopped and removed');
      await container.restart({ timeout: 5_000 });
      await waitForBind(url, adminDn, SAMBA_ADMIN_PASSWORD, timeoutMs);
    },
  };
  return instance;
}

let sharedPostgres: Promise<StartedPostgreSqlContainer> | undefined;

/** postgres:15 with fsync off; the superuser URL. */
export function startPostgresContainer(): Promise<StartedPostgreSqlContainer> {
  return new PostgreSqlContainer('postgres:15')
    .withDatabase('postgres')
    .withUsername('postgres')
    .withPassword('postgres')
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'])
    .start();
}

/** For a process without global setup: one PostgreSQL container for the process (Ryuk removes it at exit). */
export async function sharedPostgresContainerUrl(): Promise<string> {
  sharedPostgres ??= startPostgresContainer();
  return (await sharedPostgres).getConnectionUri();
}
