import type { AddressInfo } from 'node:net';
import { type Browser, type ConsoleMessage, chromium } from 'playwright-core';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';
import { signInAs } from '../support/staff-sessions.js';

/** Debian's chromium (`apt-get install chromium`; .ci/run installs it when missing), driven by playwright-core. */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * The OpenAPI page in a real headless Chromium: it loads without a token (its files hold nothing of the API), the
 * document loads once the reader authorizes with a token, and "Try it out" answers with that token; the page's
 * content security policy blocks nothing it needs.
 */
describe('the OpenAPI page in a browser', () => {
  let api: CompanyApi;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    // Plain HTTP on loopback, as a demo runs: the session cookie without Secure (and without its __Host- name).
    api = await startCompanyApi({ overrides: { auth: { session: { secureCookie: false } } } });
    await api.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('renders, takes a token with Authorize, and answers GET /api/findings through Try it out, with no CSP violation', async () => {
    const page = await browser.newPage();
    const messages: string[] = [];
    const failed: string[] = [];
    page.on('console', (m: ConsoleMessage) => messages.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e: Error) => messages.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });

    await page.goto(`${baseUrl}/api/docs`);
    // Before authorizing: the placeholder, with the Authorize button, and none of the API's paths.
    await page
      .getByRole('button', { name: /Authorize/ })
      .first()
      .waitFor();
    expect(await page.locator('.opblock').count()).toBe(0);

    await page
      .getByRole('button', { name: /Authorize/ })
      .first()
      .click();
    await page.locator('.auth-container input').fill(api.officer);
    await page.locator('.auth-btn-wrapper button.authorize').click();
    await page.locator('.auth-btn-wrapper button.btn-done, .auth-btn-wrapper button.close-modal').first().click();

    // The document, fetched with the token: the findings' route is listed.
    const findings = page.locator('#operations-Findings-Findings_list, [id^="operations-findings-Findings_list"]').first();
    await findings.waitFor();
    await findings.locator('.opblock-summary').click();
    await findings.getByRole('button', { name: 'Try it out' }).click();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/findings'),
      findings.getByRole('button', { name: 'Execute' }).click(),
    ]);
    expect(answer.status()).toBe(200);
    expect(answer.request().headers().authorization).toBe(`Bearer ${api.officer}`);
    await findings.locator('.live-responses-table .response-col_status').filter({ hasText: '200' }).first().waitFor();

    // The document's first fetch (no session yet) is refused; nothing else fails, and the console reports no CSP violation.
    expect(failed).toEqual(['401 /api/docs-json']);
    expect(messages.filter((m) => /Content.Security.Policy|Refused to/i.test(m))).toEqual([]);
    expect(messages.filter((m) => m.startsWith('pageerror'))).toEqual([]);
    await page.close();
  });

  it('loads the document at once with a web session (same origin), and Try it out answers with the session cookie', async () => {
    const session = await signInAs(api.vigie, ['auditor']);
    const [name, value] = session.cookie.split('=') as [string, string];
    const context = await browser.newContext();
    // As the sign-in sets it: HTTP-only, SameSite=Strict.
    expect(name).toBe('vigie_session');
    await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    const messages: string[] = [];
    page.on('console', (m: ConsoleMessage) => messages.push(`${m.type()}: ${m.text()}`));
    await page.goto(`${baseUrl}/api/docs`);
    // No Authorize: the document came with the cookie.
    const findings = page.locator('[id^="operations-findings-Findings_list"], #operations-Findings-Findings_list').first();
    await findings.waitFor();
    await findings.locator('.opblock-summary').click();
    await findings.getByRole('button', { name: 'Try it out' }).click();
    const [answer] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/findings'),
      findings.getByRole('button', { name: 'Execute' }).click(),
    ]);
    expect(answer.status()).toBe(200);
    expect(answer.request().headers().authorization).toBeUndefined();
    expect(messages.filter((m) => /Content.Security.Policy|Refused to/i.test(m))).toEqual([]);
    await context.close();
  });

  it('serves the page and its files without a token, and nothing of the document', async () => {
    for (const path of ['/api/docs', '/api/docs/', '/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui.css', '/api/docs/vigie-docs.js']) {
      const res = await fetch(`${baseUrl}${path}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(await res.text()).not.toMatch(/\/api\/findings|\/api\/audit-log/);
    }
    // Swagger UI's own setup file (which embeds the document) and the rest of swagger-ui-dist are not served.
    for (const path of ['/api/docs/swagger-ui-init.js', '/api/docs/index.html', '/api/docs/package.json', '/api/docs/..%2Fpackage.json']) {
      expect({ path, status: (await fetch(`${baseUrl}${path}`)).status }).toEqual({ path, status: 404 });
    }
    expect((await fetch(`${baseUrl}/api/docs-json`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/api/docs-yaml`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/api/docs-json`, { headers: { Authorization: `Bearer ${api.auditor}` } })).status).toBe(200);
  });
});
