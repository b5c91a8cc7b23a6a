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

  it('refuses a period the wrong way round, and a month that is not YYYY-MM, with a 400 that says why', async () => {
    const reversed = await http().get('/api/statistics?from=2026-05&to=2026-04').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(reversed.body.message)).toMatch(/starts \(2026-05\) after it ends \(2026-04\)/);
    const bad = await http().get('/api/statistics?from=May').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/from: expected a month as YYYY-MM/);
  });
});
