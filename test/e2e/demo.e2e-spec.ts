import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoDirectory } from '../../apps/cli/src/demo/demo-directory.generator.js';
import { loadPolicy, reviewStatusOf } from '#vigie/policy';
import { REPO_ROOT, runCli, startCli, stop } from '../support/cli.js';
import { freePort } from '../support/slapd.js';

/**
 * What `npm start` runs on a fresh clone: the embedded database, the demo company, the API with a token. It runs in a
 * folder of its own, as `npm start` does in the clone: there it writes .vigie/demo and the vigie.yaml the CLI reads.
 */
describe('vigie demo (npm start)', () => {
  let cwd: string;

  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), 'vigie-demo-'));
  });

  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  async function startDemo() {
    const port = await freePort();
    const started = Date.now();
    const run = await startCli(['demo'], { PORT: String(port) }, /Press Ctrl\+C to stop/, cwd);
    const token = /Token:\s+(vig_[\w-]+)/.exec(run.stdout())![1];
    return { ...run, port, token, readyMs: Date.now() - started };
  }

  interface FindingsBody {
    total: number;
    findings: Array<{ rule: string; subject: { type: string; login: string | null; name?: string }; resource: { id: string } | null }>;
  }
  const findings = async (port: number, token: string): Promise<{ status: number; body: FindingsBody }> => {
    const res = await fetch(`http://127.0.0.1:${port}/api/findings?limit=500`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, body: (res.status === 200 ? await res.json() : { total: 0, findings: [] }) as FindingsBody };
  };

  const fetchJson = async (demo: { port: number; token: string }, path: string): Promise<unknown> => {
    const res = await fetch(`http://127.0.0.1:${demo.port}${path}`, { headers: { authorization: `Bearer ${demo.token}` } });
    expect(res.status).toBe(200);
    return res.json();
  };

  it('serves every planted problem of the demo company, and nothing without the token', async () => {
    const demo = await startDemo();
    try {
      expect(demo.stdout()).toMatch(/Directory: \d{3} accounts/);
      // The banner's counts add up to its total, info findings included, and to what the API serves.
      const [, total, parts] = /Audit: +(\d+) findings \(([^)]*)\)/.exec(demo.stdout())!;
      expect(parts).toMatch(/^\d+ critical, \d+ high, \d+ medium, \d+ low, \d+ info$/);
      expect(parts.split(', ').reduce((sum, part) => sum + Number(part.split(' ')[0]), 0)).toBe(Number(total));
      expect(demo.stdout()).not.toMatch(/replaces the token/);
      expect((await fetch(`http://127.0.0.1:${demo.port}/api/findings`)).status).toBe(401);
      const { status, body } = await findings(demo.port, demo.token);
      expect(status).toBe(200);
      const subject = (f: FindingsBody['findings'][number]) => f.subject.login ?? (f.subject.type === 'group' ? f.subject.name : null) ?? '-';
      const got = new Set(body.findings.map((f) => `${f.rule} ${subject(f)} ${f.resource?.id ?? '-'}`));
      const expected = generateDemoDirectory({ now: new Date() })
        .planted.filter((p) => p.expectFinding !== false)
        .map((p) => `${p.rule} ${p.login ?? p.subject ?? '-'} ${p.resourceId ?? '-'}`);
      // Reviews are dated in policies/, not planted: whichever resources are due on the day the test runs.
      const policy = await loadPolicy(join(REPO_ROOT, 'policies'));
      expected.push(...policy.resources.filter((r) => reviewStatusOf(r, policy.settings, new Date()).overdue).map((r) => `G-REVIEW-OVERDUE - ${r.id}`));
      expect(expected.length).toBeGreaterThanOrEqual(10);
      for (const e of expected) expect(got).toContain(e);
      expect(body.total).toBe(expected.length);
      expect(body.total).toBe(Number(total));

      // Effective access on the embedded database (PGlite): the planted intern reaches health data through nesting.
      const intern = generateDemoDirectory({ now: new Date() }).planted.find((p) => p.rule === 'G-EXCESS-VS-ROLE' && p.group === 'GG_RH_Projets')!.login!;
      const share = (await fetchJson(demo, '/api/resources/share-rh/access?limit=500')) as {
        holders: Array<{ login: string; entitlements: Array<{ explain: string[] }> }>;
      };
      expect(share.holders.find((h) => h.login === intern)!.entitlements[0].explain).toEqual([
        `${intern} ∈ GG_RH_Projets (direct)`,
        'GG_RH_Projets ∈ DL_RH_RW (nested)',
        'DL_RH_RW grants write on share-rh',
      ]);
      const identity = (await fetchJson(demo, `/api/identities/${intern}/access`)) as { accounts: Array<{ access: Array<{ resource: { id: string } }> }> };
      expect(identity.accounts[0].access.map((x) => x.resource.id)).toContain('share-rh');
    } finally {
      await stop(demo.child);
    }
  });

  it('leaves a vigie.yaml with which every command works on the demo data once it stops, and says so', async () => {
    const demo = await startDemo();
    let served: FindingsBody;
    try {
      expect(demo.stdout()).toMatch(/CLI: +after Ctrl\+C, every vigie command works on this data \(vigie\.yaml\)/);
      expect(demo.stdout()).toMatch(/^ +npx vigie findings list$/m);
      served = (await findings(demo.port, demo.token)).body;
      // Meanwhile the embedded database is the demo's: a second process would read stale pages and overwrite its writes.
      const busy = await runCli(['findings', 'list'], {}, cwd);
      expect(busy.code).toBe(69);
      expect(busy.stderr).toMatch(/^vigie: the embedded database in .* is open in another Vigie process \(pid \d+: vigie demo\)/);
    } finally {
      await stop(demo.child);
    }
    // No environment at all, as in a new terminal: ./vigie.yaml points the command at the demo's data.
    const list = await runCli(['findings', 'list'], {}, cwd);
    expect(list).toMatchObject({ code: 0, stderr: '' });
    expect(list.stdout).toMatch(new RegExp(`^Findings as of .*: ${served.total}$`, 'm'));
    const ids = (await runCli(['findings', 'list', '--json'], {}, cwd)).stdout;
    const first = (JSON.parse(ids) as { findings: Array<{ id: string }> }).findings[0].id;
    // One table, each line starting with the id a decision takes.
    expect(list.stdout).toMatch(/^ID +STATUS +SINCE +SEVERITY +RULE/m);
    expect(list.stdout).toMatch(new RegExp(`^${first} +open +\\d{4}-\\d{2}-\\d{2} +critical `, 'm'));
    expect(list.stdout.match(/^Findings as of/gm)).toHaveLength(1);

    // The example the help gives works on the demo.
    const help = await runCli(['explain', '--help'], {}, cwd);
    const example = /Example.*: vigie (explain .+)$/m.exec(help.stdout)![1].split(' ');
    const explain = await runCli(example, {}, cwd);
    expect(explain).toMatchObject({ code: 0, stderr: '' });
    expect(explain.stdout).toMatch(new RegExp(`^${example[1]} \\(acme\\) reaches ${example[2]} `));
    expect(explain.stdout).toMatch(/GG_RH_Projets ∈ DL_RH_RW \(nested\)/);
  });

  it('starts again on the same data, with a new token that replaces the old one, and says so', async () => {
    const first = await startDemo();
    const before = (await findings(first.port, first.token)).body.total;
    await stop(first.child);
    const second = await startDemo();
    try {
      expect(second.stdout()).toMatch(/Token: +vig_\S+ +\(role security-officer\)\n +replaces the token of the previous demo run, which is now revoked/);
      expect((await findings(second.port, first.token)).status).toBe(401);
      expect((await findings(second.port, second.token)).body.total).toBe(before);
    } finally {
      await stop(second.child);
    }
  });
});
