import { spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { CLI, type CliResult, REPO_ROOT, cliEnv, runCli, startCli, stop } from '../support/cli.js';
import { freePort } from '../support/slapd.js';
import { trailKeyEnv } from '../support/trail.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/**
 * Runs a command whose reader has gone before it writes a byte, as `vigie ... | head` is once head has its lines:
 * every write to standard output fails with EPIPE.
 */
function runCliReaderGone(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: cliEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout: '', stderr }));
  });
}

/** What a new user meets first: the trail piped into head, the service's address, a policy the audit must refuse. */
describe('the vigie command at first contact', () => {
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'vigie-first-contact-'));
    env = {
      DATABASE_URL: db.url,
      VIGIE_LDIF_FILE: fixture('ldif/ok/openldap-company.ldif'),
      VIGIE_LDAP_NAME: 'corp',
      VIGIE_POLICY_DIR: fixture('policies/ok/company'),
      ...trailKeyEnv(),
    };
    expect(await runCli(['sync'], env)).toMatchObject({ code: 0 });
    expect(await runCli(['audit', '--format', 'json'], env)).toMatchObject({ code: 0 });
    expect(await runCli(['audit-log', 'checkpoint'], env)).toMatchObject({ code: 0 });
  });

  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['audit-log export', ['audit-log', 'export']],
    ['audit-log checkpoint --list', ['audit-log', 'checkpoint', '--list']],
    ['findings list', ['findings', 'list']],
    ['audit --format csv', ['audit', '--format', 'csv']],
  ])('%s into a reader that stopped reading ends quietly, exit code 0', async (_name, args) => {
    const run = await runCliReaderGone(args, env);
    // No stack, no EPIPE; what a command says on stderr anyway (the audit's summary) may stay.
    expect(run.stderr).not.toMatch(/EPIPE|unexpected error|^\s+at /m);
    expect(run).toMatchObject({ code: 0, signal: null });
  });

  it('vigie serve says the URL it listens on', async () => {
    const port = await freePort();
    const serve = await startCli(['serve', '--no-worker'], { ...env, PORT: String(port), VIGIE_HTTP_HOST: '127.0.0.1' }, /listening on http/);
    try {
      const line = serve
        .stdout()
        .split('\n')
        .find((l) => l.includes('listening on'))!;
      expect(JSON.parse(line)).toMatchObject({
        msg: `Vigie is listening on http://127.0.0.1:${port} (API http://127.0.0.1:${port}/api, docs http://127.0.0.1:${port}/api/docs; bound to 127.0.0.1:${port})`,
        url: `http://127.0.0.1:${port}`,
      });
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    } finally {
      await stop(serve.child);
    }
  });

  it('an audit refuses a policy that policy validate refuses, and keeps the current findings', async () => {
    const before = JSON.parse((await runCli(['findings', 'list', '--json'], env)).stdout) as { auditRunId: string; total: number };
    const bad = join(dir, 'policies-unknown-group');
    cpSync(fixture('policies/ok/company'), bad, { recursive: true });
    const shares = join(bad, 'resources/shares.yaml');
    writeFileSync(shares, readFileSync(shares, 'utf8').replace('read: [hr-readers]', 'read: [hr-readers, GG_Nowhere]'));

    const validate = await runCli(['policy', 'validate', '--policies', bad], env);
    expect(validate.code).not.toBe(0);
    const problem = /resources\/shares\.yaml:\d+:\d+ +resources\[1\]\.grants\.read\[1\]: unknown group "GG_Nowhere": .*$/m;
    expect(validate.stderr).toMatch(problem);

    const audit = await runCli(['audit', '--policies', bad, '--format', 'json'], env);
    expect(audit.code).toBe(validate.code);
    expect(audit.stdout).toBe('');
    expect(problem.exec(audit.stderr)?.[0]).toBe(problem.exec(validate.stderr)![0]);
    const after = JSON.parse((await runCli(['findings', 'list', '--json'], env)).stdout) as { auditRunId: string; total: number };
    expect(after).toMatchObject({ auditRunId: before.auditRunId, total: before.total });
  });

  it('warns, without the password, when the bind password file may be read by others', async () => {
    const pw = join(dir, 'corp.pw');
    writeFileSync(pw, 'not-a-real-secret\n');
    chmodSync(pw, 0o644);
    const config = join(dir, 'vigie.yaml');
    writeFileSync(
      config,
      `directories:\n  - name: corp\n    kind: ldap\n    url: ldap://127.0.0.1:1\n    baseDn: dc=corp\n    bindDn: cn=svc\n    bindPasswordFile: ${pw}\n`,
    );
    const exposed = await runCli(['--config', config, 'policy', 'validate', '--offline', '--policies', fixture('policies/ok/company')], {});
    expect(exposed.code).toBe(0);
    expect(exposed.stderr).toMatch(
      new RegExp(`^vigie: warning: directories\\[0\\]\\.bindPasswordFile \\(${config}\\): ${pw} is readable by its group and others: .*chmod 600`, 'm'),
    );
    expect(exposed.stderr).not.toContain('not-a-real-secret');
    chmodSync(pw, 0o600);
    const kept = await runCli(['--config', config, 'policy', 'validate', '--offline', '--policies', fixture('policies/ok/company')], {});
    expect(kept).toMatchObject({ code: 0, stderr: '' });
  });
});
