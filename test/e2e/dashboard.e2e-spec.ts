import request from 'supertest';
import { type RuleTally, type Severity, securityScore } from '#vigie/audit';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';

interface ListedFinding {
  id: string;
  rule: string;
  severity: Severity;
  subject: { login: string | null; name?: string };
  state: { status: string; acceptedUntil: string | null; firstSeenAt: string };
}

const get = (api: CompanyApi, path: string, token: string, headers: Record<string, string> = {}) =>
  request(api.app.getHttpServer())
    .get(path)
    .set({ Authorization: `Bearer ${token}`, ...headers });

/** Every current finding, page after page. */
async function allFindings(api: CompanyApi, query = ''): Promise<ListedFinding[]> {
  const found: ListedFinding[] = [];
  let url = `/api/findings?limit=7${query}`;
  for (;;) {
    const page = (await get(api, url, api.officer).expect(200)).body;
    found.push(...page.findings);
    if (!page.nextCursor) return found;
    url = `/api/findings?limit=7${query}&cursor=${encodeURIComponent(page.nextCursor)}`;
  }
}

/** The score docs/score.md defines, over what the findings list serves. */
function scoreOfListed(findings: ListedFinding[], now: Date) {
  const tallies = new Map<string, RuleTally>();
  for (const f of findings) {
    if (f.state.status === 'risk-accepted' && (f.state.acceptedUntil === null || new Date(f.state.acceptedUntil) > now)) continue;
    const t = tallies.get(`${f.rule} ${f.severity}`) ?? { rule: f.rule, severity: f.severity, count: 0 };
    t.count++;
    tallies.set(`${f.rule} ${f.severity}`, t);
  }
  return securityScore(tallies.values());
}

const today = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('the dashboard and the finding page on a real PostgreSQL', () => {
  describe('before any audit', () => {
    let api: CompanyApi;
    beforeAll(async () => {
      api = await startCompanyApi({ audited: false });
    });
    afterAll(() => api?.close());

    it('answers 200 with no run, a full score, zero counts and each directory never synchronised', async () => {
      const d = (await get(api, '/api/dashboard', api.auditor).expect(200)).body;
      expect(d).toEqual({
        asOf: null,
        runId: null,
        policyVersion: null,
        score: { score: 100, level: 5, lostByFamily: { hygiene: 0, governance: 0, gdpr: 0 }, topRules: [] },
        open: {
          bySeverity: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
          byFamily: { hygiene: 0, governance: 0, gdpr: 0 },
          byStatus: { open: 0, acknowledged: 0, 'risk-accepted': 0 },
        },
        sinceLastAudit: { new: 0, reopened: 0, resolved: 0 },
        trend: [],
        directories: [{ name: 'corp', kind: 'ldif', lastSync: null, lastSuccessAt: null, ageSeconds: null }],
      });
    });
  });

  describe('after an audit', () => {
    let api: CompanyApi;
    beforeAll(async () => {
      api = await startCompanyApi();
    });
    afterAll(() => api?.close());

    it('scores what the findings list serves, counts it, and has a trend point for today and the last sync', async () => {
      const findings = await allFindings(api);
      const d = (await get(api, '/api/dashboard', api.auditor).expect(200)).body;
      const page = (await get(api, '/api/findings?limit=1', api.auditor).expect(200)).body;
      expect(d).toMatchObject({ runId: page.auditRunId, asOf: page.asOf, policyVersion: page.policyVersion });
      expect(findings.length).toBeGreaterThan(0);
      expect(d.score).toEqual(scoreOfListed(findings, new Date()));
      expect(d.score.score).toBeLessThan(100);
      const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
      expect(sum(d.open.byStatus)).toBe(findings.length);
      expect(d.open.byStatus.open).toBe(findings.length);
      expect(sum(d.open.bySeverity)).toBe(findings.length);
      expect(sum(d.open.byFamily)).toBe(findings.length);
      expect(d.sinceLastAudit).toEqual({ new: findings.length, reopened: 0, resolved: 0 });
      expect(d.trend.at(-1)).toMatchObject({ day: today('Europe/Paris'), runId: d.runId, score: d.score.score, level: d.score.level });
      expect(d.directories).toEqual([
        {
          name: 'corp',
          kind: 'ldif',
          lastSync: { at: expect.any(String), status: 'succeeded', changes: expect.any(Number), durationMs: expect.any(Number) },
          lastSuccessAt: expect.any(String),
          ageSeconds: expect.any(Number),
        },
      ]);
      expect(d.directories[0].lastSuccessAt).toBe(d.directories[0].lastSync.at);
    });

    it('raises the score at once when a risk is accepted', async () => {
      const before = (await get(api, '/api/dashboard', api.officer).expect(200)).body;
      const findings = await allFindings(api);
      const alone = findings.find((f) => f.severity !== 'info' && findings.filter((g) => g.rule === f.rule).length === 1)!;
      expect(alone).toBeDefined();
      const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      await request(api.app.getHttpServer())
        .post(`/api/findings/${alone.id}/accept-risk`)
        .set('Authorization', `Bearer ${api.officer}`)
        .send({ reason: 'compensating control in place until the migration', until })
        .expect(200);
      const after = (await get(api, '/api/dashboard', api.officer).expect(200)).body;
      expect(after.score.score).toBeGreaterThan(before.score.score);
      expect(after.score).toEqual(scoreOfListed(await allFindings(api), new Date()));
      expect(after.open.byStatus).toEqual({ ...before.open.byStatus, open: before.open.byStatus.open - 1, 'risk-accepted': 1 });
      expect(after.open.bySeverity[alone.severity]).toBe(before.open.bySeverity[alone.severity] - 1);
    });

    it('serves one finding with its texts in the language asked, else as Accept-Language prefers, and 404 for an unknown id', async () => {
      const [f] = await allFindings(api);
      const en = (await get(api, `/api/findings/${f!.id}`, api.auditor).expect(200)).body;
      expect(en).toMatchObject({ policyVersion: expect.any(String), directoryKind: null, finding: { id: f!.id, rule: f!.rule, explain: expect.any(Array) } });
      expect(en.finding.state.status).toBe(f!.state.status);
      expect(en.remediation).toMatchObject({ lang: 'en', why: expect.any(String), fix: { ad: expect.any(String), openldap: expect.any(String) } });
      const fr = (await get(api, `/api/findings/${f!.id}`, api.auditor, { 'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.8' }).expect(200)).body;
      expect(fr.remediation.lang).toBe('fr');
      expect(fr.remediation.why).not.toBe(en.remediation.why);
      expect(fr.finding).toEqual(en.finding);
      const asked = (await get(api, `/api/findings/${f!.id}?lang=en`, api.auditor, { 'Accept-Language': 'fr' }).expect(200)).body;
      expect(asked.remediation).toEqual(en.remediation);
      await get(api, `/api/findings/${f!.id}?lang=de`, api.auditor).expect(400);
      const missing = await get(api, '/api/findings/no-such-finding', api.auditor).expect(404);
      expect(JSON.stringify(missing.body)).toMatch(/no current finding with id no-such-finding/);
    });

    it('searches by a prefix of the login, any case, and pages the results by cursor', async () => {
      const findings = await allFindings(api);
      const login = findings.find((f) => f.subject.login)!.subject.login!;
      const prefix = login.slice(0, 2).toUpperCase();
      const expected = findings.filter(
        (f) => f.subject.login?.toLowerCase().startsWith(prefix.toLowerCase()) || f.subject.name?.toLowerCase().startsWith(prefix.toLowerCase()),
      );
      const found = await allFindings(api, `&q=${encodeURIComponent(prefix)}`);
      expect(found.map((f) => f.id)).toEqual(expected.map((f) => f.id));
      expect(found.length).toBeGreaterThan(0);
      const none = (await get(api, '/api/findings?q=%25', api.auditor).expect(200)).body;
      expect(none.findings).toEqual([]);
      const counted = (await get(api, `/api/findings?q=${encodeURIComponent(prefix)}&total=true`, api.auditor).expect(200)).body;
      expect(counted.total).toBe(expected.length);
    });
  });
});
