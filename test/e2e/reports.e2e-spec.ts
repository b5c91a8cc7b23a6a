import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { runCli } from '../support/cli.js';
import { type CompanyApi, startCompanyApi } from '../support/company-api.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { type SlapdInstance, startSlapd } from '../support/slapd.js';
import { signInAs } from '../support/staff-sessions.js';
import { trailKeyEnv } from '../support/trail.js';

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const pdfText = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
/** pdftotext breaks long lines and the PDF's standard fonts write a narrow no-break space as a plain one: compare words. */
const words = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
/** ...and joins a word hyphenated at the end of a line ("<dn-" + "admin>" gives "<dnadmin>"). */
const unhyphenated = (s: string) => s.replaceAll('-', '');

describe('compliance reports on real OpenLDAP and PostgreSQL', () => {
  describe('the vigie report command', () => {
    let slapd: SlapdInstance;
    let db: TestDatabase;
    let env: Record<string, string>;
    let out: string;

    beforeAll(async () => {
      [slapd, db] = await Promise.all([startSlapd({ ldif: readFileSync(fixture('ldif/ok/openldap-company.ldif'), 'utf8') }), createTestDatabase()]);
      out = mkdtempSync(join(tmpdir(), 'vigie-reports-'));
      env = {
        DATABASE_URL: db.url,
        VIGIE_LDAP_NAME: 'corp',
        VIGIE_LDAP_URL: slapd.url,
        VIGIE_LDAP_BASE_DN: slapd.suffix,
        VIGIE_LDAP_BIND_DN: slapd.rootDn,
        VIGIE_LDAP_BIND_PASSWORD: slapd.rootPassword,
        VIGIE_POLICY_DIR: fixture('policies/ok/company'),
        ...trailKeyEnv(),
      };
      expect(await runCli(['sync'], env)).toMatchObject({ code: 0 });
      expect(await runCli(['audit'], env)).toMatchObject({ code: 0 });
    });

    afterAll(async () => {
      rmSync(out, { recursive: true, force: true });
      await Promise.all([slapd?.stop(), db?.drop()]);
    });

    /** The score and a rule's fix text as the CLI itself prints them. */
    async function scoreAndFix(lang: 'fr' | 'en') {
      const score = await runCli(['score', '--json'], env);
      expect(score.code).toBe(0);
      const list = await runCli(['findings', 'list', '--json', '--rule', 'G-EXCESS-VS-ROLE'], env);
      const [excess] = JSON.parse(list.stdout).findings;
      const shown = await runCli(['findings', 'show', excess.id, '--lang', lang], env);
      expect(shown.code).toBe(0);
      const fix = shown.stdout
        .split('\n')
        .map((l) => l.trim())
        .find((l) => l.includes('ldapmodify'));
      expect(fix).toBeDefined();
      return { score: JSON.parse(score.stdout).score.score as number, fix: words(fix!) };
    }

    it('writes a French PDF with the section headings, the score and the fix of a rule', async () => {
      const file = join(out, 'rapport.pdf');
      const run = await runCli(['report', '--format', 'pdf', '--lang', 'fr', '--output', file], env);
      expect(run).toMatchObject({ code: 0 });
      const bytes = readFileSync(file);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = words(pdfText(file));
      for (const heading of [
        'Score de sécurité',
        'Évolution du score',
        'Constats par gravité et par famille',
        'Constats par règle et correctifs',
        'Comptes à privilèges',
        'Point de contrôle du journal',
      ])
        expect(text).toContain(heading);
      expect(text).toContain('G-EXCESS-VS-ROLE');
      expect(text).toContain('Corriger sur OpenLDAP');
      expect(text).toContain('Premiers concernés : bmartin');
      const { score, fix } = await scoreAndFix('fr');
      expect(text).toContain(`Score de sécurité ${score}/100`);
      expect(unhyphenated(text)).toContain(unhyphenated(fix));
    });

    it('writes the same report in English', async () => {
      const file = join(out, 'report.pdf');
      expect(await runCli(['report', '--format', 'pdf', '--lang', 'en', '--output', file], env)).toMatchObject({ code: 0 });
      const text = words(pdfText(file));
      for (const heading of ['Security score', 'Findings by rule and how to fix them', 'Privileged accounts', 'Trail checkpoint'])
        expect(text).toContain(heading);
      expect(text).not.toContain('Score de sécurité');
      expect(text).toContain('G-EXCESS-VS-ROLE');
      const { score, fix } = await scoreAndFix('en');
      expect(text).toContain(`Security score ${score}/100`);
      expect(unhyphenated(text)).toContain(unhyphenated(fix));
    });

    it('writes one self-contained HTML file with no script, and keeps it with --store', async () => {
      const file = join(out, 'report.html');
      expect(await runCli(['report', '--format', 'html', '--lang', 'en', '--output', file, '--store'], env)).toMatchObject({ code: 0 });
      expect(readdirSync(out).sort()).toEqual(['rapport.pdf', 'report.html', 'report.pdf']);
      const html = readFileSync(file, 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/i);
      expect(html).not.toMatch(/<script/i);
      expect(html).not.toMatch(/<link[^>]+href=|src="https?:/i);
      expect(html).toContain('Content-Security-Policy');
      expect(html).toContain('G-EXCESS-VS-ROLE');
      const listed = await runCli(['reports', 'list'], env);
      expect(listed.code).toBe(0);
      expect(listed.stdout.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`  manual  html  en  .*  ${readFileSync(file).length} bytes  `))]);
    });

    it('deletes the stored reports that name a person when that person is erased, and says so in the erasure', async () => {
      const held = await runCli(['gdpr', 'export', 'bmartin', '--output', join(out, 'bmartin')], env);
      expect(held.code).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'bmartin.json'), 'utf8')).heldIn).toMatchObject({ report: 1 });
      const erased = await runCli(['gdpr', 'erase', 'bmartin', '--force', '--reason', 'art. 17 request'], env);
      expect(erased.code).toBe(0);
      expect(erased.stdout).toMatch(/rows changed: .*report 1/);
      const listed = await runCli(['reports', 'list'], env);
      expect(listed).toMatchObject({ code: 0, stdout: '', stderr: 'no stored report\n' });
    });
  });

  describe('the report routes', () => {
    let api: CompanyApi;
    const http = () => request(api.app.getHttpServer());
    beforeAll(async () => {
      api = await startCompanyApi();
    });
    afterAll(() => api?.close());

    it('lets a security officer generate one, list it and download the same bytes', async () => {
      const created = (await http().post('/api/reports').set('Authorization', `Bearer ${api.officer}`).send({ format: 'pdf', lang: 'fr' }).expect(201)).body;
      expect(created).toMatchObject({ id: expect.any(String), trigger: 'manual', format: 'pdf', lang: 'fr', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const page = (await http().get('/api/reports').set('Authorization', `Bearer ${api.auditor}`).expect(200)).body;
      expect(page).toMatchObject({ total: 1, reports: [created] });
      const file = await http()
        .get(`/api/reports/${created.id}/download`)
        .set('Authorization', `Bearer ${api.auditor}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const bytes = file.body as Buffer;
      expect(bytes.length).toBe(created.byteSize);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(created.sha256);
      expect(file.headers.etag).toBe(`"${created.sha256}"`);
      expect(file.headers['content-type']).toMatch(/^application\/pdf/);
      expect(file.headers['content-disposition']).toBe(`attachment; filename="${created.fileName}"`);
    });

    it('lets an auditor read but not generate, and an employee neither', async () => {
      await http().post('/api/reports').set('Authorization', `Bearer ${api.auditor}`).send({}).expect(403);
      const employee = await signInAs(api.vigie, ['employee'], { directory: 'corp', dn: 'uid=bmartin,ou=people,dc=acme,dc=test', login: 'bmartin' });
      await http().get('/api/reports').set('Cookie', employee.cookie).expect(403);
      await http().post('/api/reports').set('Cookie', employee.cookie).set('X-CSRF-Token', employee.csrf).send({}).expect(403);
      const [report] = (await http().get('/api/reports').set('Authorization', `Bearer ${api.officer}`).expect(200)).body.reports;
      await http().get(`/api/reports/${report.id}/download`).set('Cookie', employee.cookie).expect(403);
    });
  });
});
