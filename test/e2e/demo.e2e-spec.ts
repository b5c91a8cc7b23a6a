import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoDirectory } from '../../apps/cli/src/demo/demo-directory.generator.js';
import { loadPolicy, reviewStatusOf } from '#vigie/policy';
import { REPO_ROOT, startCli, stop } from '../support/cli.js';
import { freePort } from '../support/slapd.js';

/** What `npm start` runs on a fresh clone: the embedded database, the demo company, the API with a token. */
describe('vigie demo (npm start)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigie-demo-'));
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function startDemo() {
    const port = await freePort();
    const started = Date.now();
    const run = await startCli(['demo', '--data-dir', dataDir], { PORT: String(port) }, /Press Ctrl\+C to stop/);
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

  it('starts again on the same data, with a new token that replaces the old one', async () => {
    const first = await startDemo();
    const before = (await findings(first.port, first.token)).body.total;
    await stop(first.child);
    const second = await startDemo();
    try {
      expect((await findings(second.port, first.token)).status).toBe(401);
      expect((await findings(second.port, second.token)).body.total).toBe(before);
    } finally {
      await stop(second.child);
    }
  });
});
