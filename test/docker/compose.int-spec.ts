import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '#vigie/config';
import { REPO_ROOT } from '../support/cli.js';

/**
 * docker/compose.yaml read as Docker Compose reads it (no Docker engine runs here): what must hold for
 * `docker compose down && up --build` to keep a service that starts and a trail that verifies, and for a first start
 * not to publish the API to the network.
 */
interface Service {
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  secrets?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = parse(readFileSync(`${REPO_ROOT}/docker/compose.yaml`, 'utf8')) as Compose;
const dockerfile = readFileSync(`${REPO_ROOT}/docker/Dockerfile`, 'utf8');
/** Compose's interpolation with nothing set in the environment: `${VAR:-default}` is its default. */
const interpolate = (text: string) => text.replace(/\$\{(\w+)(?::?-([^}]*))?\}/g, (_m, _name: string, fallback?: string) => fallback ?? '');
const api = compose.services['vigie-api'];

describe('docker/compose.yaml', () => {
  it('publishes every port on the loopback address unless told otherwise', () => {
    const published = Object.entries(compose.services).flatMap(([name, s]) => (s.ports ?? []).map((p) => [name, interpolate(p)]));
    expect(published.length).toBeGreaterThanOrEqual(2);
    for (const [name, port] of published) expect(`${name} ${port}`).toMatch(new RegExp(`^${name} 127\\.0\\.0\\.1:\\d+:\\d+$`));
  });

  it('keeps the trail keys and the published checkpoints on named volumes, which down && up --build keeps', () => {
    const env = Object.fromEntries(Object.entries(api.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));
    // The configuration the service loads in the container: the mounted example file and the compose environment.
    const config = loadConfig({ env: { ...env, VIGIE_CONFIG: undefined }, file: `${REPO_ROOT}/docker/vigie.example.yaml`, cwd: '/app' });
    const mounts = (api.volumes ?? []).map((v) => {
      const [source, target] = v.split(':');
      return { source, target };
    });
    // The checkpoints published outside the database too: on a volume that is not the database's.
    const published = config.trail.publish.file;
    expect(typeof published).toBe('string');
    for (const file of [config.trail.signingKeyFile, config.trail.pseudonymKeyFile, published as string]) {
      expect(file).toBeDefined();
      const mount = mounts.find((m) => posix.dirname(file!) === m.target || file!.startsWith(`${m.target}/`));
      // A named volume (not a path of the container's own filesystem, which a new container starts without).
      expect(mount).toBeDefined();
      expect(Object.keys(compose.volumes ?? {})).toContain(mount!.source);
      // The image makes that folder the service account's, so a new volume lets the service create its keys there.
      expect(dockerfile).toMatch(new RegExp(`mkdir -p [^\\n]*${mount!.target}[^\\n]*&& chown node:node [^\\n]*${mount!.target}`));
    }
    // The database lives on its own volume: both outlive the containers.
    expect(compose.services.postgres.volumes).toContainEqual(expect.stringMatching(/^pgdata:/));
  });

  it('tells how to create the first token, with a command the image runs', () => {
    const text = readFileSync(`${REPO_ROOT}/docker/compose.yaml`, 'utf8');
    const command = /docker compose -f docker\/compose\.yaml exec vigie-api (node dist\/cli\/vigie\.js token create --role \w+ --name [\w-]+)/.exec(text);
    expect(command).not.toBeNull();
    expect(dockerfile).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
  });
});
