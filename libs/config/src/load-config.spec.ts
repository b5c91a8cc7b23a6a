import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, type ConfigIssue } from './config.error.js';
import { loadConfig } from './load-config.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-config-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives working defaults with nothing set: embedded database, port 3000', () => {
    const cfg = loadConfig({ env: {}, cwd: tempDir() });
    expect(cfg.database.url).toBeUndefined();
    expect(cfg.database.dataDir).toBe('.vigie/data');
    expect(cfg.http.port).toBe(3000);
    expect(cfg.directories).toEqual([]);
  });

  it('reads the YAML file, then lets the environment win', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'vigie.yaml'), 'http:\n  port: 4000\nlog:\n  level: debug\n');
    const cfg = loadConfig({ env: { VIGIE_HTTP_PORT: '5000', DATABASE_URL: 'postgres://u@h/db' }, cwd: dir });
    expect(cfg.http.port).toBe(5000);
    expect(cfg.log.level).toBe('debug');
    expect(cfg.database.url).toBe('postgres://u@h/db');
  });

  it('names the environment variable and the expected value when one is wrong', () => {
    const err = errorOf(() => loadConfig({ env: { VIGIE_HTTP_PORT: 'abc' }, cwd: tempDir() }));
    expect(err.issues).toEqual([{ key: 'http.port', source: 'env VIGIE_HTTP_PORT', message: 'expected a number, got "abc"' }]);
    expect(err.message).toContain('http.port (env VIGIE_HTTP_PORT)');
  });

  it('believes X-Forwarded-For only from the proxies named (http.trustProxy), and refuses anything else', () => {
    expect(loadConfig({ env: {}, cwd: tempDir() }).http.trustProxy).toBeUndefined();
    expect(loadConfig({ env: { VIGIE_TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' }, cwd: tempDir() }).http.trustProxy).toBe('loopback, 10.0.0.0/8, fd00::1');
    const err = errorOf(() => loadConfig({ env: { VIGIE_TRUST_PROXY: 'true' }, cwd: tempDir() }));
    expect(err.issues).toEqual([
      {
        key: 'http.trustProxy',
        source: 'env VIGIE_TRUST_PROXY',
        message: 'expected addresses or subnets of the proxies (10.0.0.5, 10.0.0.0/8), or loopback, linklocal, uniquelocal, comma-separated; got "true"',
      },
    ]);
  });

  it('refuses a pool too small for a sync, saying why', () => {
    expect(() => loadConfig({ env: { VIGIE_DB_POOL_SIZE: '2' }, cwd: tempDir() })).toThrow(
      /VIGIE_DB_POOL_SIZE.*at least 4: a sync holds a connection for its lock/s,
    );
    expect(loadConfig({ env: { VIGIE_DB_POOL_SIZE: '4' }, cwd: tempDir() }).database.poolSize).toBe(4);
  });

  it('names the key and the file for an invalid or unknown value in the YAML', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'vigie.yaml'), 'log:\n  level: loud\nhttpp:\n  port: 1\n');
    const err = errorOf(() => loadConfig({ env: {}, cwd: dir }));
    const keys = err.issues.map((i) => `${i.key}@${i.source}`);
    expect(keys).toContain('log.level@vigie.yaml');
    expect(err.issues.find((i) => i.key === '(root)')?.message).toMatch(/unknown key\(s\) "httpp"/);
  });

  it('reads how the HR roster names its columns, and refuses a field the roster does not have', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'vigie.yaml'), 'hr:\n  rosterFile: rh.csv\n  columns: { mail: Adresse électronique }\n  ignoreColumns: [Téléphone]\n');
    expect(loadConfig({ env: {}, cwd: dir }).hr).toMatchObject({
      rosterFile: 'rh.csv',
      columns: { mail: 'Adresse électronique' },
      ignoreColumns: ['Téléphone'],
    });
    writeFileSync(join(dir, 'vigie.yaml'), 'hr:\n  columns: { salary: Salaire }\n');
    const err = errorOf(() => loadConfig({ env: {}, cwd: dir }));
    expect(err.issues.map((i) => `${i.key}@${i.source}`)).toEqual([expect.stringMatching(/^hr\.columns.*@vigie\.yaml$/)]);
  });

  it('reads the HR webhook secret and the SCIM token from their variables, refuses short ones and ones written in the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'vigie.yaml'), 'hr:\n  scim: { tokenEnv: MY_SCIM }\n');
    const long = 'x'.repeat(32);
    const hr = loadConfig({ env: { VIGIE_HR_WEBHOOK_SECRET: long, MY_SCIM: `${long}y` }, cwd: dir }).hr;
    expect([hr.webhook.secret, hr.scim.token]).toEqual([long, `${long}y`]);
    expect(loadConfig({ env: {}, cwd: dir }).hr.webhook.secret).toBeUndefined();
    const short = errorOf(() => loadConfig({ env: { VIGIE_HR_WEBHOOK_SECRET: 'short' }, cwd: dir }));
    expect(short.issues.map((i) => i.key)).toEqual(['hr.webhook.secretEnv']);
    expect(short.issues[0].message).toMatch(/at least 32/);
    expect(short.message).not.toContain('short"');
    writeFileSync(join(dir, 'vigie.yaml'), 'hr:\n  webhook: { secret: abc }\n');
    expect(errorOf(() => loadConfig({ env: {}, cwd: dir })).issues.map((i) => i.key)).toContain('hr.webhook.secret');
  });

  it("reads BambooHR's API key and webhook key from their variables, needs both once hr.bamboohr is set, refuses them in the file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'vigie.yaml'), 'hr:\n  bamboohr: { companyDomain: acme, webhookKeyEnv: MY_HOOK_KEY }\n');
    const bamboohr = loadConfig({ env: { VIGIE_BAMBOOHR_API_KEY: 'api-key', MY_HOOK_KEY: 'hook-key' }, cwd: dir }).hr.bamboohr;
    expect(bamboohr).toMatchObject({ companyDomain: 'acme', apiKey: 'api-key', webhookKey: 'hook-key', apiUrl: 'https://api.bamboohr.com' });
    expect(errorOf(() => loadConfig({ env: { MY_HOOK_KEY: 'hook-key' }, cwd: dir })).issues.map((i) => i.key)).toEqual(['hr.bamboohr.apiKeyEnv']);
    expect(loadConfig({ env: {}, cwd: tempDir() }).hr.bamboohr).toBeUndefined();
    writeFileSync(join(dir, 'vigie.yaml'), 'hr:\n  bamboohr: { companyDomain: acme, webhookKey: abc }\n');
    expect(errorOf(() => loadConfig({ env: {}, cwd: dir })).issues.map((i) => i.key)).toContain('hr.bamboohr.webhookKey');
    writeFileSync(join(dir, 'vigie.yaml'), 'hr:\n  bamboohr: { companyDomain: acme, apiUrl: "http://bamboo.example.com" }\n');
    const env = { VIGIE_BAMBOOHR_API_KEY: 'k', VIGIE_BAMBOOHR_WEBHOOK_KEY: 'w' };
    expect(errorOf(() => loadConfig({ env, cwd: dir })).issues.map((i) => i.key)).toEqual(['hr.bamboohr.apiUrl']);
    writeFileSync(join(dir, 'vigie.yaml'), 'hr:\n  bamboohr: { companyDomain: acme, apiUrl: "http://127.0.0.1:8089" }\n');
    expect(loadConfig({ env, cwd: dir }).hr.bamboohr?.apiUrl).toBe('http://127.0.0.1:8089');
  });

  it('reports a YAML syntax error with its line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), 'http:\n  port: 1\n   host: x\n');
    const err = errorOf(() => loadConfig({ env: {}, cwd: dir, file: 'bad.yaml' }));
    expect(err.issues[0].source).toMatch(/^bad\.yaml:\d+$/);
  });

  it('refuses aliases of aliases (a "billion laughs") with the line of the first alias, without expanding them', () => {
    const dir = tempDir();
    const lines = ['x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (const [name, of] of ['ba', 'cb', 'dc', 'ed', 'fe', 'gf', 'hg', 'ih']) lines.push(`x-${name}: &${name} [${Array(9).fill(`*${of}`).join(', ')}]`);
    writeFileSync(join(dir, 'bomb.yaml'), `http:\n  port: 4000\n${lines.join('\n')}\n`);
    const started = Date.now();
    const err = errorOf(() => loadConfig({ env: {}, cwd: dir, file: 'bomb.yaml' }));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(err.issues).toEqual([
      { key: '(syntax)', source: 'bomb.yaml:4', message: 'aliases of aliases multiply the file beyond 100 copies of what they name: write the values out' },
    ]);
  });

  it('takes a bind password from the named environment variable and refuses one written in the file', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'vigie.yaml'),
      'directories:\n  - name: corp\n    kind: ad\n    url: ldaps://dc01:636\n    baseDn: DC=corp\n    bindDn: CN=svc\n    bindPasswordEnv: CORP_PW\n',
    );
    expect(loadConfig({ env: { CORP_PW: 's3cret' }, cwd: dir }).directories[0]).toMatchObject({ name: 'corp', bindPassword: 's3cret' });
    const missing = errorOf(() => loadConfig({ env: {}, cwd: dir }));
    expect(missing.issues[0]).toMatchObject({ key: 'directories[0].bindPasswordEnv' });
    expect(missing.message).toMatch(/CORP_PW is not set/);

    writeFileSync(join(dir, 'inline.yaml'), 'directories:\n  - name: corp\n    kind: ldap\n    url: ldap://x\n    baseDn: dc=x\n    bindPassword: oops\n');
    const inline = errorOf(() => loadConfig({ env: {}, cwd: dir, file: 'inline.yaml' }));
    expect(inline.message).toMatch(/do not write a password/);
    expect(inline.message).not.toContain('oops');
  });

  it('warns when the bind password file may be read by others than its owner, and never about one only its owner reads', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'corp.pw'), 's3cret\n');
    writeFileSync(
      join(dir, 'vigie.yaml'),
      'directories:\n  - name: corp\n    kind: ldap\n    url: ldaps://ldap:636\n    baseDn: dc=corp\n    bindDn: cn=svc\n    bindPasswordFile: corp.pw\n',
    );
    const load = () => {
      const warnings: ConfigIssue[] = [];
      const cfg = loadConfig({ env: {}, cwd: dir, onWarning: (w) => warnings.push(w) });
      return { warnings, password: (cfg.directories[0] as { bindPassword?: string }).bindPassword };
    };
    chmodSync(join(dir, 'corp.pw'), 0o644);
    const exposed = load();
    expect(exposed.password).toBe('s3cret');
    expect(exposed.warnings).toEqual([
      {
        key: 'directories[0].bindPasswordFile',
        source: 'vigie.yaml',
        message: expect.stringMatching(/^corp\.pw is readable by its group and others: .* Run `chmod 600 corp\.pw`/),
      },
    ]);
    expect(JSON.stringify(exposed.warnings)).not.toContain('s3cret');
    chmodSync(join(dir, 'corp.pw'), 0o604);
    expect(load().warnings[0].message).toMatch(/readable by others:/);
    chmodSync(join(dir, 'corp.pw'), 0o600);
    expect(load().warnings).toEqual([]);
    chmodSync(join(dir, 'corp.pw'), 0o400);
    expect(load().warnings).toEqual([]);
  });

  it('describes one directory from VIGIE_LDAP_* variables and never echoes secrets', () => {
    const cfg = loadConfig({
      env: { VIGIE_LDAP_URL: 'ldap://127.0.0.1:389', VIGIE_LDAP_BASE_DN: 'dc=acme', VIGIE_LDAP_BIND_DN: 'cn=admin', VIGIE_LDAP_BIND_PASSWORD: 'pw' },
      cwd: tempDir(),
    });
    expect(cfg.directories).toEqual([expect.objectContaining({ name: 'default', kind: 'ldap', url: 'ldap://127.0.0.1:389', bindPassword: 'pw' })]);
    const err = errorOf(() => loadConfig({ env: { DATABASE_URL: 'mysql://root:hunter2@db' }, cwd: tempDir() }));
    expect(err.issues[0].key).toBe('database.url');
    expect(err.message).not.toContain('hunter2');
  });

  it("takes an OpenLDAP directory's default password policy from VIGIE_LDAP_PASSWORD_POLICY_DN", () => {
    const cfg = loadConfig({
      env: { VIGIE_LDAP_URL: 'ldap://127.0.0.1:389', VIGIE_LDAP_BASE_DN: 'dc=acme', VIGIE_LDAP_PASSWORD_POLICY_DN: 'cn=default,ou=policies,dc=acme' },
      cwd: tempDir(),
    });
    expect(cfg.directories).toEqual([expect.objectContaining({ kind: 'ldap', passwordPolicyDn: 'cn=default,ou=policies,dc=acme' })]);
  });

  it('rejects two directories with the same name', () => {
    const err = errorOf(() =>
      loadConfig({
        env: {},
        cwd: tempDir(),
        overrides: {
          directories: [
            { name: 'a', kind: 'ldif', file: 'x' },
            { name: 'a', kind: 'ldif', file: 'y' },
          ],
        },
      }),
    );
    expect(err.issues[0]).toMatchObject({ key: 'directories[1].name', source: 'command line' });
  });

  it('checks the sign-in settings against the directories, and keeps their secrets out of the file', () => {
    const dir = tempDir();
    const ldap = { name: 'corp', kind: 'ldap', url: 'ldap://dc.corp.example', baseDn: 'dc=corp' };
    const issues = (overrides: Record<string, unknown>) =>
      errorOf(() => loadConfig({ env: {}, cwd: dir, overrides })).issues.map((i) => `${i.key}: ${i.message}`);
    expect(issues({ directories: [ldap], auth: { directory: { directory: 'corp' } } })).toEqual([
      expect.stringMatching(/^auth\.directory\.directory: .*plain ldap:\/\/.*ldaps:\/\/ URL or set startTls: true/),
    ]);
    expect(issues({ directories: [ldap], auth: { directory: { directory: 'hr' } } })).toEqual([
      'auth.directory.directory: not a configured ldap or ad directory: expected one of corp; got "hr"',
    ]);
    expect(
      loadConfig({ env: {}, cwd: dir, overrides: { directories: [{ ...ldap, startTls: true }], auth: { directory: { directory: 'corp' } } } }).auth.directory,
    ).toEqual({
      directory: 'corp',
    });
    expect(issues({ auth: { oidc: { issuer: 'http://idp.corp.example', clientId: 'vigie' }, breakGlass: { enabled: true } } })).toEqual([
      expect.stringMatching(/^auth\.oidc\.issuer: expected an https:\/\/ issuer/),
      expect.stringMatching(/^auth\.oidc\.redirectUri: OIDC needs the address/),
      expect.stringMatching(/^auth\.breakGlass\.passwordHash: the break-glass account is enabled without a password hash/),
    ]);
    const file = join(dir, 'vigie.yaml');
    writeFileSync(file, 'auth:\n  oidc:\n    issuer: https://idp.example\n    clientId: v\n    clientSecret: s3cr3t\n  breakGlass:\n    passwordHash: x\n');
    const fromFile = errorOf(() => loadConfig({ env: {}, cwd: dir, file }));
    expect(fromFile.issues.map((i) => i.key)).toEqual(expect.arrayContaining(['auth.oidc.clientSecret', 'auth.breakGlass.passwordHash']));
    expect(JSON.stringify(fromFile.issues)).not.toContain('s3cr3t');
  });

  it('schedules incremental syncs every ten minutes unless told otherwise, and reconciles OpenLDAP hourly', () => {
    const dir = tempDir();
    const defaults = loadConfig({ env: {}, cwd: dir, overrides: { directories: [{ name: 'corp', kind: 'ldap', url: 'ldap://h', baseDn: 'dc=x' }] } });
    expect(defaults.scheduler.incrementalSync).toBe('*/10 * * * *');
    expect(defaults.directories[0]).toMatchObject({ reconcileIntervalMinutes: 60 });
    expect(loadConfig({ env: { VIGIE_INCREMENTAL_SYNC_CRON: 'off' }, cwd: dir }).scheduler.incrementalSync).toBe('off');
    const bad = errorOf(() => loadConfig({ env: { VIGIE_INCREMENTAL_SYNC_CRON: 'often' }, cwd: dir }));
    expect(bad.issues[0]).toMatchObject({ key: 'scheduler.incrementalSync', source: 'env VIGIE_INCREMENTAL_SYNC_CRON' });
    const zero = errorOf(() =>
      loadConfig({
        env: {},
        cwd: dir,
        overrides: { directories: [{ name: 'corp', kind: 'ldap', url: 'ldap://h', baseDn: 'dc=x', reconcileIntervalMinutes: 0 }] },
      }),
    );
    expect(zero.issues[0]).toMatchObject({ key: 'directories[0].reconcileIntervalMinutes' });
  });

  it('reads the trail settings: retention per kind, key files, and refuses a key written in the file', () => {
    const dir = tempDir();
    const defaults = loadConfig({ env: {}, cwd: dir }).trail;
    expect(defaults.retention).toEqual({ access: { days: 365 }, change: { days: 365 }, operation: { days: 365 } });
    expect(defaults.signingKeyFile).toBeUndefined();
    const cfg = loadConfig({ env: { VIGIE_TRAIL_RETENTION_CHANGE_DAYS: '1000', VIGIE_TRAIL_SIGNING_KEY_FILE: '/etc/vigie/sign.pem' }, cwd: dir });
    expect(cfg.trail.retention.change.days).toBe(1000);
    expect(cfg.trail.signingKeyFile).toBe('/etc/vigie/sign.pem');
    const bad = errorOf(() => loadConfig({ env: { VIGIE_TRAIL_RETENTION_ACCESS_DAYS: '0' }, cwd: dir }));
    expect(bad.issues[0]).toMatchObject({ key: 'trail.retention.access.days', source: 'env VIGIE_TRAIL_RETENTION_ACCESS_DAYS' });
    writeFileSync(join(dir, 'keys.yaml'), 'trail:\n  pseudonymKey: abcdef\n');
    const inline = errorOf(() => loadConfig({ env: {}, cwd: dir, file: 'keys.yaml' }));
    expect(inline.message).toMatch(/do not write a key in the configuration file/);
    expect(inline.message).not.toContain('abcdef');
  });

  it('reads where checkpoints are published and the pinned keys, and says what is wrong with a key or a token in the file', () => {
    const dir = tempDir();
    const defaults = loadConfig({ env: {}, cwd: dir }).trail;
    expect(defaults.publish).toEqual({ file: '.vigie/trail-checkpoints.jsonl' });
    expect(defaults.pinnedPublicKeys).toEqual([]);
    const a = Buffer.alloc(32, 1).toString('base64');
    const b = Buffer.alloc(32, 2).toString('base64');
    const cfg = loadConfig({
      env: {
        VIGIE_TRAIL_PINNED_PUBLIC_KEYS: `${a}, ${b}`,
        VIGIE_TRAIL_PUBLISH_FILE: 'off',
        VIGIE_TRAIL_PUBLISH_WEBHOOK_URL: 'https://siem.example/vigie',
        VIGIE_TRAIL_PUBLISH_WEBHOOK_TOKEN: 's3cret',
      },
      cwd: dir,
    }).trail;
    expect(cfg.pinnedPublicKeys).toEqual([a, b]);
    expect(cfg.publish).toEqual({ file: false, webhook: { url: 'https://siem.example/vigie', token: 's3cret', timeoutMs: 5000 } });
    const bad = errorOf(() => loadConfig({ env: { VIGIE_TRAIL_PINNED_PUBLIC_KEYS: 'not-a-key' }, cwd: dir }));
    expect(bad.issues[0]).toMatchObject({
      key: 'trail.pinnedPublicKeys[0]',
      message: expect.stringMatching(/expected an Ed25519 public key: the base64 of its 32 raw bytes/),
    });
    writeFileSync(join(dir, 'token.yaml'), 'trail:\n  publish:\n    webhook:\n      url: https://siem.example/vigie\n      token: s3cret\n');
    const inline = errorOf(() => loadConfig({ env: {}, cwd: dir, file: 'token.yaml' }));
    expect(inline.message).toMatch(/do not write a token in the configuration file: use the environment variable VIGIE_TRAIL_PUBLISH_WEBHOOK_TOKEN/);
    expect(inline.message).not.toContain('s3cret');
  });
});
