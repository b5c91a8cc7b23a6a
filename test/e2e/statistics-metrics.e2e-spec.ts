import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';

/** The samples of a Prometheus text exposition: `name{labels} value` lines, comments left out. */
function samples(text: string): Array<{ name: string; labels: Record<string, string>; value: number }> {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]));
      return { name: m[1]!, labels, value: Number(m[3]) };
    });
}

describe('statistics and data metrics after a sync and an audit, on a real PostgreSQL', () => {
  let api: CompanyApi;
  let app: INestApplication;
  let officer: string;
  let auditor: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    api = await startCompanyApi();
    ({ app, officer, auditor } = api);
  });
  afterAll(() => api?.close());

  it('reports the findings, the sync and the audit in the Prometheus scrape', async () => {
    const findings = (await http().get('/api/findings?limit=500').set('Authorization', `Bearer ${officer}`).expect(200)).body;
    const scrape = await http().get('/metrics').set('Authorization', `Bearer ${officer}`).expect(200);
    const all = samples(scrape.text);
    const of = (name: string) => all.filter((s) => s.name === name);

    expect(of('vigie_data_metrics_up')).toEqual([{ name: 'vigie_data_metrics_up', labels: {}, value: 1 }]);
    const open = of('vigie_findings').filter((s) => s.labels.status === 'open');
    expect(open.reduce((sum, s) => sum + s.value, 0)).toBe(findings.total);
    const high = findings.findings.filter((f: { severity: string }) => f.severity === 'high').length;
    expect(open.find((s) => s.labels.severity === 'high')!.value).toBe(high);
    // Every severity and status is reported, zero included: a rule on `vigie_findings{severity="critical"} > 0` needs the series.
    expect(of('vigie_findings')).toHaveLength(5 * 3);

    const [age] = of('vigie_directory_last_sync_success_age_seconds');
    expect(age).toMatchObject({ labels: { directory: 'corp' } });
    expect(age!.value).toBeGreaterThanOrEqual(0);
    expect(age!.value).toBeLessThan(3600);
    expect(of('vigie_sync_duration_seconds')).toEqual([{ name: 'vigie_sync_duration_seconds', labels: { directory: 'corp' }, value: expect.any(Number) }]);
    expect(of('vigie_audit_duration_seconds')[0]!.value).toBeGreaterThanOrEqual(0);
    expect(of('vigie_http_request_duration_seconds_bucket').length).toBeGreaterThan(0);
  });

  it('counts this month the findings the audit opened, and the sync with its changes', async () => {
    const findings = (await http().get('/api/findings?limit=1').set('Authorization', `Bearer ${auditor}`).expect(200)).body;
    const stats = (await http().get('/api/statistics').set('Authorization', `Bearer ${auditor}`).expect(200)).body;
    expect(stats).toMatchObject({ timezone: 'Europe/Paris' });
    expect(stats.months).toHaveLength(12);
    const now = stats.months.at(-1);
    expect(now.month).toBe(stats.to);
    expect(now.findings).toMatchObject({ opened: findings.total, closed: 0, meanDaysToResolve: null });
    expect(now.auditRuns).toEqual({ runs: 1, succeeded: 1, failed: 0 });
    // A directory's first sync takes its first snapshot: nothing changed yet, so it records no change.
    expect(now.syncs).toEqual({ runs: 1, failed: 0, objectChanges: 0, membershipChanges: 0 });
    expect(stats.months[0].findings.opened).toBe(0);
  });

  /** The body as bytes, whatever its type: the byte order mark must arrive as it was sent. */
  const bytes = (path: string, token = officer) =>
    http()
      .get(path)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  it('exports every finding as CSV French Excel opens as it is with lang=fr, and the comma form for tools', async () => {
    const findings = (await http().get('/api/findings?limit=500').set('Authorization', `Bearer ${officer}`).expect(200)).body;
    const fr = await bytes('/api/findings/export.csv?lang=fr').expect(200);
    expect(fr.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(fr.headers['content-disposition']).toBe('attachment; filename="findings.csv"');
    const body = fr.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]!.startsWith('Identifiant;Contrôle;Sévérité;')).toBe(true);
    // Every finding once, each line starting with its id (the DNs with commas are quoted, the ; separates).
    const ids = lines
      .slice(1)
      .filter((l) => /^[0-9a-f]{32};/.test(l))
      .map((l) => l.slice(0, 32));
    expect(ids.sort()).toEqual(findings.findings.map((f: { id: string }) => f.id).sort());

    const en = await bytes('/api/findings/export.csv?severity=high&dialect=standard', api.auditor).expect(200);
    const text = (en.body as Buffer).toString('utf8');
    expect(text.startsWith('id,rule,severity,')).toBe(true);
    const high = findings.findings.filter((f: { severity: string }) => f.severity === 'high').length;
    expect(text.split('\r\n').filter((l) => /^[0-9a-f]{32},/.test(l))).toHaveLength(high);

    const refused = await http().get('/api/findings/export.csv?dialect=tsv').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(refused.body.message)).toMatch(/dialect: expected excel/);
  });

  it("exports a resource's holders and an identity's access as CSV", async () => {
    const view = (await http().get('/api/resources/share-finance/access?limit=500').set('Authorization', `Bearer ${officer}`).expect(200)).body;
    const resource = (await bytes('/api/resources/share-finance/access.csv?lang=fr').expect(200)).body as Buffer;
    expect([...resource.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = resource.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(rows[0]!.startsWith('Annuaire;Identifiant de connexion;')).toBe(true);
    const entitlements = view.holders.reduce((n: number, h: { entitlements: unknown[] }) => n + h.entitlements.length, 0);
    expect(rows).toHaveLength(1 + entitlements);

    const identity = (await bytes('/api/identities/bmartin/access.csv').expect(200)).body as Buffer;
    const lines = identity.toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]!.startsWith('directory,login,')).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.startsWith('corp,bmartin,'))).toBe(true);
  });

  it('refuses a period the wrong way round, and a month that is not YYYY-MM, with a 400 that says why', async () => {
    const reversed = await http().get('/api/statistics?from=2026-05&to=2026-04').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(reversed.body.message)).toMatch(/starts \(2026-05\) after it ends \(2026-04\)/);
    const bad = await http().get('/api/statistics?from=May').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/from: expected a month as YYYY-MM/);
  });
});
