import { renderHtml } from './render-html.js';
import { sampleReport } from './testing/index.js';

describe(renderHtml.name, () => {
  it('escapes every value: a login, a company name or a fix text cannot inject markup', () => {
    const html = renderHtml(sampleReport('en'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Acme &lt;Industries&gt;');
    expect(html).toContain('Set-ADUser -Identity &lt;login&gt;');
    expect(html).toContain('legacy &quot;backup&quot; tool');
    expect(html).toContain('Paie &amp; salaires');
  });

  it('is one self-contained page: inline style and SVG, no script and nothing fetched', () => {
    const html = renderHtml(sampleReport('en'));
    expect(html).not.toMatch(/<script|<link|src=|href=/i);
    expect(html).toContain('<style>');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain("default-src 'none'");
  });

  it('writes headings, dates and numbers in French', () => {
    const html = renderHtml(sampleReport('fr'));
    expect(html).toContain('<html lang="fr">');
    for (const heading of ['Score de sécurité', 'Comptes à privilèges', 'Risques acceptés en cours', 'Point de contrôle du journal']) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    expect(html).toContain('1 novembre 2026 – 30 novembre 2026');
    expect(html).toContain('1\u202f234');
  });

  it('writes them in English', () => {
    const html = renderHtml(sampleReport('en'));
    expect(html).toContain('<h2>Privileged accounts</h2>');
    expect(html).toContain('1 November 2026 – 30 November 2026');
    expect(html).toContain('1,234');
  });

  it('says when no audit ran and nothing is known', () => {
    const html = renderHtml(sampleReport('en', { score: null, trend: [], rules: [], privileged: [], checkpoint: null }));
    expect(html).toContain('No successful audit yet');
    expect(html).toContain('No history yet.');
  });
});
