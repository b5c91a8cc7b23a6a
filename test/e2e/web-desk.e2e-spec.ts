/**
 * The web desk in a real headless Chromium, served by the API from the built dist/web, on a real company: its
 * directory in a real OpenLDAP (the security officer signs in with their account there) and PostgreSQL. Sign in,
 * findings, acknowledging one (read back through the API), French and English, a resource's access, the trail and
 * the requests; an auditor sees no acknowledge button. No console error, no CSP violation; a screenshot of each page
 * under test-artifacts/web/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type ConsoleMessage, type Page, chromium } from 'playwright-core';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';
import { signInAs } from '../support/staff-sessions.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WEB_INDEX = fileURLToPath(new URL('../../dist/web/index.html', import.meta.url));
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));
const SUFFIX = 'dc=acme,dc=test';
const PASSWORD = 'Rssi-Pw-2026!';
const COMPANY = readFileSync(fileURLToPath(new URL('../fixtures/ldif/ok/openldap-company.ldif', import.meta.url)), 'utf8');
/** The company, with its security officer: an account in the group that Vigie maps to the security-officer role. */
const LDIF = [
  COMPANY,
  [
    `dn: uid=rssi,ou=people,${SUFFIX}`,
    'objectClass: inetOrgPerson',
    'uid: rssi',
    'cn: Rose Simon',
    'sn: Simon',
    'displayName: Rose Simon',
    `userPassword: ${PASSWORD}`,
  ].join('\n'),
  [`dn: cn=vigie-officers,ou=groups,${SUFFIX}`, 'objectClass: groupOfNames', 'cn: vigie-officers', `member: uid=rssi,ou=people,${SUFFIX}`].join('\n'),
].join('\n\n');

/** What a page said that it should not: errors, CSP violations, failed requests other than the expected ones. */
function watch(page: Page, expectedFailures: RegExp[] = []): string[] {
  const problems: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() !== 'error' && !/Content.Security.Policy|Refused to/i.test(m.text())) return;
    const url = m.location().url ?? '';
    if (/Failed to load resource/.test(m.text()) && expectedFailures.some((e) => e.test(url))) return;
    problems.push(`${m.type()}: ${m.text()} (${url})`);
  });
  page.on('pageerror', (e: Error) => problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (r.status() >= 400 && !expectedFailures.some((e) => e.test(url.pathname))) problems.push(`${r.status()} ${url.pathname}`);
  });
  return problems;
}

describe('the web desk in a browser', () => {
  let slapd: SlapdInstance;
  let api: CompanyApi;
  let baseUrl: string;
  let browser: Browser;
  const shot = (page: Page, name: string) => page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
  const findingsOf = async (query: string) =>
    (await (await fetch(`${baseUrl}/api/findings?${query}`, { headers: { Authorization: `Bearer ${api.officer}` } })).json()) as {
      findings: { id: string; rule: string; state: { status: string; reason: string | null } }[];
    };

  beforeAll(async () => {
    if (!existsSync(WEB_INDEX)) throw new Error(`${WEB_INDEX} is missing: run \`npm run build\` first (it builds the web desk into dist/web; npm test does)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    slapd = await startSlapd({ ldif: LDIF, tls: true });
    api = await startCompanyApi({
      env: { LDAP_PASSWORD: slapd.rootPassword },
      overrides: {
        directories: [
          { name: 'corp', kind: 'ldap', url: slapd.ldapsUrl, caFile: slapd.caFile, baseDn: SUFFIX, bindDn: slapd.rootDn, bindPasswordEnv: 'LDAP_PASSWORD' },
        ],
        auth: {
          directory: { directory: 'corp' },
          roles: [{ group: `cn=vigie-officers,ou=groups,${SUFFIX}`, roles: ['security-officer'] }],
          // Plain HTTP on loopback, as a demo runs: the session cookie without Secure.
          session: { secureCookie: false },
        },
      },
    });
    await api.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await slapd?.stop();
  });

  it('signs the security officer in, in French, lists the findings, acknowledges one, speaks English when asked, and shows who reaches a resource', async () => {
    const context: BrowserContext = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    // Before signing in the session is unknown (401), and no OpenID Connect provider is set up here (404).
    const problems = watch(page, [/^\/api\/auth\/session$/, /^\/api\/auth\/oidc\/start$/, /\/api\/auth\/session(\?|$)/, /\/api\/auth\/oidc\/start/]);

    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: 'Connexion à Vigie' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await shot(page, '01-sign-in');
    await page.getByLabel('Identifiant').fill('rssi');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    // The dashboard is the home page: the company's score and its open findings by severity, as the API gives them.
    await page.getByRole('heading', { name: 'Tableau de bord' }).waitFor();
    await page.locator('main[data-ready="true"]').waitFor();
    const dashboard = (await (await fetch(`${baseUrl}/api/dashboard`, { headers: { Authorization: `Bearer ${api.officer}` } })).json()) as {
      asOf: string | null;
      score: { score: number; level: number };
      open: { bySeverity: Record<string, number> };
    };
    expect(dashboard.asOf).not.toBeNull();
    expect(await page.locator('.score .big').innerText()).toBe(`${dashboard.score.score}/100`);
    await page.getByText(`Niveau ${dashboard.score.level} sur 5`).waitFor();
    const severityBars = page.locator('.tile', { has: page.getByRole('heading', { name: 'À traiter, par gravité' }) }).locator('li');
    expect(await severityBars.locator('.bar-value').allInnerTexts()).toEqual(
      ['critical', 'high', 'medium', 'low', 'info'].map((s) => new Intl.NumberFormat('fr-FR').format(dashboard.open.bySeverity[s]!)),
    );
    expect(await severityBars.first().getByRole('link').getAttribute('href')).toBe('/findings?severity=critical');
    await shot(page, '10-dashboard-fr');

    // The findings, in French, as the API lists them (same order, first page).
    await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Constats', exact: true }).click();
    await page.getByRole('heading', { name: 'Constats' }).waitFor();
    const listed = await findingsOf('limit=50');
    expect(listed.findings.length).toBeGreaterThan(0);
    const rows = page.locator('table.findings > tbody > tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(listed.findings.length);
    expect(await rows.first().locator('td').nth(1).innerText()).toBe(listed.findings[0]!.rule);
    await expect(page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link').allInnerTexts()).resolves.toEqual([
      'Tableau de bord',
      'Constats',
      "Demandes d'accès",
      'Personnes',
      'Ressources',
      'Changements des annuaires',
      'Rapports',
      'Politique',
      "Journal d'audit",
    ]);
    await shot(page, '02-findings-fr');

    // Acknowledge the first open finding, with a reason: the API has it acknowledged afterwards.
    const target = listed.findings.find((f) => f.state.status === 'open')!;
    const row = rows.filter({ has: page.locator('code', { hasText: target.rule }) }).first();
    await row.getByRole('button', { name: 'Prendre en compte' }).click();
    await page.getByLabel('Motif').fill('Compte de service connu, suivi dans le ticket 42');
    await shot(page, '03-acknowledge-form');
    await page.locator('form.decision').getByRole('button', { name: 'Prendre en compte' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Constat ${target.rule} pris en compte.` })
      .waitFor();
    const acknowledged = await findingsOf('status=acknowledged');
    expect(acknowledged.findings.map((f) => [f.id, f.state.reason])).toContainEqual([target.id, 'Compte de service connu, suivi dans le ticket 42']);

    // A filter on the server: the critical ones only, counted.
    await page.getByLabel('Gravité').selectOption('critical');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL(/severity=critical/);
    const critical = await findingsOf('severity=critical&limit=50');
    // The page keeps the previous list while the filtered one loads: wait for the filtered count.
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^${critical.findings.length} constats? dans l'audit du .*\\(${critical.findings.length} affichés?\\)$`) })
      .waitFor();
    await expect(rows.count()).resolves.toBe(critical.findings.length);

    // A finding's own page, from its row: why it matters and how to fix it in French, then in English on request.
    // (from the unfiltered list: the company may have no critical finding)
    const opened = listed.findings[0]!;
    await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    await page.waitForURL(/\/findings$/);
    const detailOf = async (lang: string) =>
      (await (
        await fetch(`${baseUrl}/api/findings/${encodeURIComponent(opened.id)}?lang=${lang}`, { headers: { Authorization: `Bearer ${api.officer}` } })
      ).json()) as { remediation: { why: string } | null };
    await rows
      .filter({ has: page.locator('code', { hasText: opened.rule }) })
      .first()
      .getByRole('link', { name: opened.rule })
      .click();
    await page.waitForURL(new RegExp(`/findings/${opened.id}$`));
    await page.locator('main[data-ready="true"]').waitFor();
    const fr = await detailOf('fr');
    expect(fr.remediation).not.toBeNull();
    await page.getByRole('heading', { name: 'Comment corriger' }).waitFor();
    await page.getByText(fr.remediation!.why.slice(0, 60)).first().waitFor();
    await shot(page, '11-finding-fr');

    // English on request; kept across a reload.
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'How to fix it' }).waitFor();
    const en = await detailOf('en');
    await page.getByText(en.remediation!.why.slice(0, 60)).first().waitFor();
    expect(en.remediation!.why).not.toBe(fr.remediation!.why);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await shot(page, '12-finding-en');
    await page.getByRole('link', { name: 'Back to the findings' }).click();
    await page.getByRole('heading', { name: 'Findings' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Findings' }).waitFor();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    await shot(page, '04-findings-en');

    // A resource's access, from the nav.
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Resources' }).click();
    await page.getByLabel('Resource id (from the policy)').fill('share-finance');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/\/resources\/share-finance/);
    await page
      .getByRole('status')
      .filter({ hasText: /can reach it/ })
      .waitFor();
    const holders = page.locator('table > tbody > tr');
    expect(await holders.count()).toBeGreaterThan(0);
    await shot(page, '05-resource-access');

    // An identity's access, from a holder of the resource: the chain drawn step by step.
    await holders.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Effective access of an identity' }).waitFor();
    await page.locator('ol.chain').first().waitFor();
    await shot(page, '06-identity-access');

    // The trail holds the acknowledgement; the requests' page lists the security officer's views.
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await page.locator('table > tbody > tr').first().waitFor();
    await page.getByText('The trail is intact.').waitFor();
    await shot(page, '07-trail');

    // Reports: generate an HTML one in English; it is listed with its download.
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.locator('main[data-ready="true"]').waitFor();
    await page.getByLabel('Format').selectOption('html');
    await page.getByLabel('Report language').selectOption('en');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Report .+\.html generated\.$/ })
      .waitFor();
    const reportLink = page.locator('table.reports a[href$="/download"]').first();
    await reportLink.waitFor();
    expect(await reportLink.innerText()).toMatch(/\.html$/);
    await page.locator('table.statistics tbody tr').first().waitFor();
    await shot(page, '13-reports');

    // The policy in force and the directory changes of the sync.
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Policy' }).click();
    await page.getByRole('heading', { name: 'Version in force' }).waitFor();
    await shot(page, '14-policy');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Directory changes' }).click();
    await page.getByRole('heading', { name: 'Directory changes', level: 1 }).waitFor();
    await page.locator('main[data-ready="true"]').waitFor();
    await shot(page, '15-changes');

    // An identity found by a search, its access opened from the result.
    await page.goto(`${baseUrl}/identities?q=rssi`);
    await page.getByRole('link', { name: 'Rose Simon' }).click();
    await page.getByRole('heading', { name: 'Effective access of an identity' }).waitFor();
    await page.locator('main[data-ready="true"]').waitFor();
    await page.getByRole('link', { name: 'Export as CSV' }).waitFor();
    await shot(page, '16-identity-search');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Access requests' }).click();
    await page.getByRole('link', { name: 'To decide' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /on this page/ })
      .waitFor();
    await shot(page, '08-access-requests');

    // A client route loaded directly (a bookmark) is the desk's page, while an unknown API path keeps its JSON 404.
    const direct = await page.goto(`${baseUrl}/findings?severity=high`);
    expect(direct?.headers()['content-security-policy']).toMatch(/script-src 'self'; style-src 'self'; .*connect-src 'self'/);
    await page.getByRole('heading', { name: 'Findings' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Vigie' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows an auditor the findings without any acknowledge or accept-risk button', async () => {
    const session = await signInAs(api.vigie, ['auditor']);
    const [name, value] = session.cookie.split('=') as [string, string];
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 768 } });
    await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    const problems = watch(page);
    await page.goto(`${baseUrl}/findings`);
    await page.getByRole('heading', { name: 'Findings' }).waitFor();
    await page.locator('table.findings > tbody > tr').first().waitFor();
    expect(await page.getByRole('button', { name: 'Details' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Accept the risk' }).count()).toBe(0);
    await shot(page, '09-findings-auditor');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('serves hashed files for a year and the page afresh each time; the API keeps its paths and its 404 JSON', async () => {
    const page = await fetch(`${baseUrl}/findings/some-id`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
    expect((await fetch(`${baseUrl}/assets/index-gone.js`)).status).toBe(404);
    for (const path of ['/api/nothing-here', '/scim/v2/Nope', '/metrics/x', '/health/nope']) {
      const res = await fetch(`${baseUrl}${path}`);
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({
        path,
        status: expect.any(Number),
        type: expect.stringMatching(/json/),
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
  });
});
