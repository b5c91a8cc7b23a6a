import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';

describe('HTTP API on a real PostgreSQL', () => {
  let api: CompanyApi;
  let app: INestApplication;
  let officer: string;
  let auditor: string;

  beforeAll(async () => {
    api = await startCompanyApi();
    ({ app, officer, auditor } = api);
  });

  afterAll(() => api?.close());

  const http = () => request(app.getHttpServer());

  it('answers /health without a token, with liveness and readiness', async () => {
    expect((await http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    expect((await http().get('/health/ready').expect(200)).body).toEqual({ status: 'ok', checks: { database: 'up' } });
  });

  it.each(['/api/findings', '/metrics', '/api/docs-json', '/api/docs-yaml'])('refuses %s without a valid token', async (path) => {
    await http().get(path).expect(401);
    await http().get(path).set('Authorization', 'Bearer vig_not-a-real-token-at-all-0000000000').expect(401);
  });

  it('serves the findings in the contract, filtered and paginated', async () => {
    const all = await http().get('/api/findings').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(all.body).toMatchObject({ policyVersion: expect.stringMatching(/^[0-9a-f]{64}$/), limit: 50, offset: 0 });
    expect(all.body.total).toBe(all.body.findings.length);
    expect(all.body.findings[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      rule: expect.any(String),
      severity: expect.any(String),
      subject: expect.objectContaining({ type: 'account', directory: 'corp', dn: expect.any(String), login: expect.any(String) }),
      resource: expect.anything(),
      message: expect.any(String),
      evidence: expect.any(Object),
      explain: expect.any(Array),
      state: expect.objectContaining({ status: 'open', firstSeenAt: expect.any(String), lastSeenAt: expect.any(String) }),
    });

    const excess = await http().get('/api/findings?rule=G-EXCESS-VS-ROLE&severity=high,critical').set('Authorization', `Bearer ${auditor}`).expect(200);
    expect(excess.body.findings.map((f: { subject: { login: string } }) => f.subject.login)).toEqual(['bmartin']);

    const page = await http().get('/api/findings?limit=1&offset=0').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(page.body.findings).toHaveLength(Math.min(1, all.body.total));
    const byLogin = await http().get('/api/findings?login=BMARTIN').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(byLogin.body.findings.every((f: { subject: { login: string } }) => f.subject.login === 'bmartin')).toBe(true);
  });

  it('answers a bad filter with a 400 that names it', async () => {
    const res = await http().get('/api/findings?severity=urgent&limit=9999&colour=red').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(res.body.message)).toMatch(/colour/);
    const res2 = await http().get('/api/findings?severity=urgent&limit=9999').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(res2.body.message)).toMatch(/severity/);
    expect(JSON.stringify(res2.body.message)).toMatch(/limit/);
    const rule = await http().get('/api/findings?rule=H-BOGUS').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(rule.body.message)).toMatch(/unknown rule id H-BOGUS/);
    const cursor = await http().get('/api/findings?cursor=not-ours').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(cursor.body.message)).toMatch(/cursor: not a cursor this API gave/);
  });

  it('pages the findings by cursor, each once and in order, and counts a filtered list when asked', async () => {
    const all = (await http().get('/api/findings?limit=500').set('Authorization', `Bearer ${officer}`).expect(200)).body;
    expect(all.nextCursor).toBeNull();
    const seen: string[] = [];
    let url = '/api/findings?limit=1';
    for (;;) {
      const page = (await http().get(url).set('Authorization', `Bearer ${officer}`).expect(200)).body;
      expect(page).toMatchObject({ auditRunId: all.auditRunId, total: all.total, limit: 1, offset: 0 });
      seen.push(...page.findings.map((f: { id: string }) => f.id));
      if (!page.nextCursor) break;
      url = `/api/findings?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    expect(seen).toEqual(all.findings.map((f: { id: string }) => f.id));
    const high = await http().get('/api/findings?severity=high&limit=1').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(high.body.total).toBeNull();
    const counted = await http().get('/api/findings?severity=high&limit=1&total=true').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(counted.body.total).toBe(all.findings.filter((f: { severity: string }) => f.severity === 'high').length);
  });

  it('serves Prometheus metrics and the OpenAPI document to roles that may read them', async () => {
    const metrics = await http().get('/metrics').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(metrics.text).toMatch(/vigie_http_request_duration_seconds_bucket/);
    await http().get('/metrics').set('Authorization', `Bearer ${auditor}`).expect(403);
    const docs = await http().get('/api/docs-json').set('Authorization', `Bearer ${auditor}`).expect(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/findings', '/health/live']));
  });

  it('stops accepting a revoked token', async () => {
    const tokens = await api.vigie.dependencies.apiTokens();
    const { token, record } = await tokens.create({ name: 'temp', role: 'auditor' });
    await http().get('/api/findings').set('Authorization', `Bearer ${token}`).expect(200);
    await tokens.revoke(record.id);
    await http().get('/api/findings').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('answers a NUL character in any input with a 400 that names the field, never a 500 from PostgreSQL', async () => {
    for (const path of ['/api/findings?directory=corp%00', '/api/findings?login=a%00b', '/api/audit-log?actor=x%00', '/api/identities/jd%00upont/access']) {
      const res = await http().get(path).set('Authorization', `Bearer ${officer}`);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(res.body.message).toMatch(/contains a NUL character/);
    }
    const bad = await http().get('/api/findings?directory=corp%00').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(bad.body.message).toMatch(/^directory: /);
  });

  it('sends security headers on every answer, and a documentation page that loads only its own scripts', async () => {
    for (const res of [
      await http().get('/health/live').expect(200),
      await http().get('/api/findings').set('Authorization', `Bearer ${officer}`).expect(200),
      await http().get('/api/findings').expect(401),
    ]) {
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
        'content-security-policy': expect.stringContaining("default-src 'none'"),
      });
      // Plain HTTP on loopback: HSTS would mean nothing, and is not sent.
      expect(res.headers['strict-transport-security']).toBeUndefined();
      // CORS stays closed: no origin is allowed to read the answers.
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
    // A body past Express's 100 kB is refused before anything reads it.
    await http()
      .post('/api/audits')
      .set('Authorization', `Bearer ${officer}`)
      .send({ asOf: 'x'.repeat(200_000) })
      .expect(413);
    // The documentation page loads without a token (a browser sends none with a page); the document needs one.
    const docs = await http().get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger-ui/i);
    expect(docs.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(docs.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    // The page runs no inline script, which that policy would block.
    expect(docs.text).not.toMatch(/<script>(?!\s*<\/script>)[^<]+<\/script>/);
  });

  /** Failed sign-ins counted from each address, every window together (the scheduler, which would sweep them, is off). */
  const failuresFrom = async () => {
    const rows = await (
      await api.vigie.dependencies.database()
    ).query(`SELECT coalesce(sum(failures), 0)::int AS n FROM sign_in_attempt WHERE scope = 'source'`);
    return rows[0].n as number;
  };

  it('accepts a token only in the Authorization header: never as access_token in the query string or a body', async () => {
    const message = /only in the header "Authorization: Bearer <token>"/;
    const before = await failuresFrom();
    const inQuery = await http().get(`/api/findings?access_token=${officer}`).expect(401);
    expect(inQuery.body.message).toMatch(message);
    // Beside a valid header too: the token in the URL is already exposed, and the request is refused as it is.
    await http().get(`/api/findings?access_token=${officer}`).set('Authorization', `Bearer ${officer}`).expect(401);
    const inJson = await http().post('/api/audits').send({ access_token: officer }).expect(401);
    expect(inJson.body.message).toMatch(message);
    await http().post('/api/audits').type('form').send(`access_token=${officer}`).expect(401);
    // Each counted as a failed sign-in (the trail has one entry per window and address, not one per failure).
    expect((await failuresFrom()) - before).toBe(4);
  });

  it('records the first failed login of a window with its source address, and serves the trail to roles that may read it', async () => {
    const before = await failuresFrom();
    await http().get('/api/findings').set('Authorization', 'Bearer vig_wrong-token-0000000000000000000000000').set('X-Request-Id', 'req-bad-login').expect(401);
    expect((await failuresFrom()) - before).toBe(1);
    // The auditor reads the trail too (read-only, the trail included); the metrics stay the operators'.
    await http().get('/api/audit-log?limit=1').set('Authorization', `Bearer ${auditor}`).expect(200);
    const failed = await http().get('/api/audit-log?action=auth.failed').set('Authorization', `Bearer ${officer}`).expect(200);
    // A dozen failures so far from this address: one entry per window of auth.attempts (15 minutes), the file may straddle two.
    expect(failed.body.entries.length).toBeGreaterThanOrEqual(1);
    expect(failed.body.entries.length).toBeLessThanOrEqual(2);
    const entry = failed.body.entries.at(-1);
    expect(entry).toMatchObject({
      chain: 'access',
      action: 'auth.failed',
      actor: { type: 'token', id: 'unknown' },
      target: { type: 'api', id: 'GET /api/findings' },
      after: { method: 'token', reason: 'no token' },
    });
    expect(entry.sourceAddress).toMatch(/127\.0\.0\.1|::1/);

    const officerId = (await (await api.vigie.dependencies.apiTokens()).list()).find((t) => t.name === 'officer')!.id;
    const mine = await http().get(`/api/audit-log?actor=${officerId}&action=auth.*`).set('Authorization', `Bearer ${officer}`).expect(200);
    expect(mine.body.entries[0]).toMatchObject({ action: 'auth.succeeded', actor: { type: 'token', id: officerId }, labels: { tokenName: 'officer' } });
  });

  it('pages the trail with a cursor, newest first, and filters by target and time', async () => {
    const all: Array<{ chain: string; seq: number; at: string }> = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await http()
        .get(`/api/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Authorization', `Bearer ${officer}`)
        .expect(200);
      all.push(...res.body.entries);
      cursor = res.body.nextCursor;
    } while (cursor);
    const keys = all.map((e) => `${e.chain}:${e.seq}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    expect(keys).toEqual(expect.arrayContaining(['operation:1', 'change:1']));

    const sync = await http().get('/api/audit-log?target=corp&action=sync.succeeded').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(sync.body.entries).toEqual([
      expect.objectContaining({
        action: 'sync.succeeded',
        target: { type: 'directory', id: 'corp' },
        after: expect.objectContaining({ accounts: expect.any(Number) }),
      }),
    ]);
    const future = await http().get('/api/audit-log?from=2999-01-01').set('Authorization', `Bearer ${officer}`).expect(200);
    expect(future.body).toEqual({ entries: [], nextCursor: null });
    const bad = await http().get('/api/audit-log?from=yesterday&cursor=nope&colour=red').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/colour/);
    const badCursor = await http().get('/api/audit-log?cursor=bm9wZQ').set('Authorization', `Bearer ${officer}`).expect(400);
    expect(JSON.stringify(badCursor.body.message)).toMatch(/cursor is not one this API gave/);
  });

  describe('finding lifecycle', () => {
    const auth = () => ({ Authorization: `Bearer ${officer}` });
    const excessId = async () => (await http().get('/api/findings?rule=G-EXCESS-VS-ROLE').set(auth()).expect(200)).body.findings[0].id as string;

    it('shows each finding open since the first run that saw it, and still open after the next run', async () => {
      const first = (await http().get('/api/findings').set(auth()).expect(200)).body.findings[0];
      expect(first.state).toMatchObject({ status: 'open', reopenedCount: 0 });
      const result = await api.vigie.run('run-audit', {});
      expect(result.lifecycle.counts).toMatchObject({ new: 0, resolved: 0, reopened: 0 });
      const again = (await http().get('/api/findings').set(auth()).expect(200)).body.findings[0];
      expect(again.state.firstSeenAt).toBe(first.state.firstSeenAt);
      expect(new Date(again.state.lastSeenAt).getTime()).toBeGreaterThan(new Date(first.state.lastSeenAt).getTime());
    });

    it('records an acknowledgement by the token holder, and refuses it to an auditor or without a reason', async () => {
      const id = await excessId();
      await http().post(`/api/findings/${id}/acknowledge`).set('Authorization', `Bearer ${auditor}`).send({ reason: 'seen it, thank you' }).expect(403);
      const short = await http().post(`/api/findings/${id}/acknowledge`).set(auth()).send({ reason: 'ok' }).expect(400);
      expect(short.body.message).toMatch(/at least 10 characters/);
      const ok = await http().post(`/api/findings/${id}/acknowledge`).set(auth()).send({ reason: 'ticket INC-42 opened with the sales manager' }).expect(200);
      expect(ok.body).toMatchObject({ status: 'acknowledged', decidedBy: 'token:officer', reason: 'ticket INC-42 opened with the sales manager' });
      const listed = await http().get('/api/findings?status=acknowledged').set(auth()).expect(200);
      expect(listed.body.findings.map((f: { id: string }) => f.id)).toEqual([id]);
    });

    it('accepts a risk until a date within a year, and says why otherwise', async () => {
      const id = await excessId();
      const tooLong = await http()
        .post(`/api/findings/${id}/accept-risk`)
        .set(auth())
        .send({ reason: 'legacy accounting tool', until: '2099-01-01' })
        .expect(400);
      expect(tooLong.body.message).toMatch(/at most 366 days/);
      const past = await http().post(`/api/findings/${id}/accept-risk`).set(auth()).send({ reason: 'legacy accounting tool', until: '2020-01-01' }).expect(400);
      expect(past.body.message).toMatch(/must be in the future/);
      await http().post(`/api/findings/${id}/accept-risk`).set(auth()).send({ reason: 'legacy accounting tool', until: 'soon' }).expect(400);
      // A day the calendar does not have: refused, not stored as the day JavaScript makes of it (30 February as 2 March).
      const now = new Date();
      const february = now.getUTCMonth() === 0 ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
      const noSuchDay = await http()
        .post(`/api/findings/${id}/accept-risk`)
        .set(auth())
        .send({ reason: 'legacy accounting tool', until: `${february}-02-30` })
        .expect(400);
      expect(noSuchDay.body.message).toBe('until: expected a date, YYYY-MM-DD (or an ISO 8601 date and time)');
      const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const ok = await http().post(`/api/findings/${id}/accept-risk`).set(auth()).send({ reason: 'legacy accounting tool', until }).expect(200);
      expect(ok.body).toMatchObject({ status: 'risk-accepted', acceptedUntil: expect.stringMatching(new RegExp(`^${until}`)) });
      await http().post('/api/findings/0000/acknowledge').set(auth()).send({ reason: 'nothing to see here' }).expect(404);
    });
  });
});
