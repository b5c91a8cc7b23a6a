/**
 * Where the real servers of the integration tests come from, decided once per test run.
 *
 *   TESTCONTAINERS=auto  (default) containers when a container runtime answers, else local servers
 *   TESTCONTAINERS=off   always local: slapd run from a temp dir, PostgreSQL from DATABASE_URL
 *   TESTCONTAINERS=force containers, or fail
 *
 * Global setup decides and writes the answer to VIGIE_TEST_SERVERS, which the test workers inherit, so they
 * never probe again. Also here: the run id that groups the test databases and temp dirs of one run.
 */
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ServerMode = 'local' | 'containers';
export type TestcontainersSetting = 'auto' | 'off' | 'force';

/** Set by global setup: 'local' or 'containers'. */
export const SERVERS_ENV = 'VIGIE_TEST_SERVERS';
/** Set by global setup: `[a-z0-9]+`, shared by the test databases and temp dirs of one run. */
export const RUN_ID_ENV = 'VIGIE_TEST_RUN_ID';

export function testcontainersSetting(): TestcontainersSetting {
  const raw = (process.env.TESTCONTAINERS ?? 'auto').trim().toLowerCase();
  if (raw === '' || raw === 'auto') return 'auto';
  if (['off', 'false', '0', 'no', 'local'].includes(raw)) return 'off';
  if (['force', 'on', 'true', '1', 'yes'].includes(raw)) return 'force';
  throw new Error(`TESTCONTAINERS=${process.env.TESTCONTAINERS}: expected auto, off or force`);
}

let runtimeProbe: Promise<string | undefined> | undefined;

/** undefined when a container runtime answers, else why not. Without Docker this fails in milliseconds. */
export function probeContainerRuntime(timeoutMs = 20_000): Promise<string | undefined> {
  runtimeProbe ??= (async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      const { getContainerRuntimeClient } = await import('testcontainers');
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([getContainerRuntimeClient(), timeout]);
      return undefined;
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    } finally {
      clearTimeout(timer);
    }
  })();
  return runtimeProbe;
}

let decided: Promise<ServerMode> | undefined;

/** Local servers or containers, per TESTCONTAINERS; the first answer is kept in VIGIE_TEST_SERVERS. */
export function serverMode(): Promise<ServerMode> {
  const known = process.env[SERVERS_ENV];
  if (known === 'local' || known === 'containers') return Promise.resolve(known);
  decided ??= (async (): Promise<ServerMode> => {
    const setting = testcontainersSetting();
    let mode: ServerMode = 'local';
    if (setting !== 'off') {
      const unavailable = await probeContainerRuntime();
      if (unavailable === undefined) {
        mode = 'containers';
      } else if (setting === 'force') {
        throw new Error(
          `TESTCONTAINERS=force but no container runtime answers (${unavailable}). Start Docker (or Podman with ` +
            `DOCKER_HOST set), or run with TESTCONTAINERS=off to use a local slapd and PostgreSQL.`,
        );
      }
    }
    process.env[SERVERS_ENV] = mode;
    return mode;
  })();
  return decided;
}

/** This run's id: from VIGIE_TEST_RUN_ID, else made (a base-36 millisecond timestamp + 4 random chars) and set. */
export function testRunId(): string {
  const given = (process.env[RUN_ID_ENV] ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 20);
  if (given) {
    process.env[RUN_ID_ENV] = given;
    return given;
  }
  const made = Date.now().toString(36) + randomBytes(4).toString('hex').slice(0, 4);
  process.env[RUN_ID_ENV] = made;
  return made;
}

/** When a run id made by testRunId() was made; undefined for an id given from outside. */
export function runIdTime(runId: string): Date | undefined {
  if (!/^[a-z0-9]{9,}$/.test(runId)) return undefined;
  const ms = parseInt(runId.slice(0, -4), 36);
  // Plausible timestamps only: 2020 .. 2100.
  return ms > 1_577_836_800_000 && ms < 4_102_444_800_000 ? new Date(ms) : undefined;
}

/** The temp dir under which this run's servers keep their files; global teardown removes it. */
export function testRunDir(runId = testRunId()): string {
  return join(tmpdir(), `vigie-test-${runId}`);
}
