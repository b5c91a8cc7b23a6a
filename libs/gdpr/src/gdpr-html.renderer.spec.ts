import { mergeFindings, renderSubjectAccessHtml } from './gdpr-html.renderer.js';
import type { StoredFinding } from './ports/personal-data.store.js';
import type { SubjectAccessReport } from './subject-access.report.js';

const finding = (runAsOf: string, more: Partial<StoredFinding> = {}): StoredFinding => ({
  auditRunId: `run-${runAsOf}`,
  auditRunAsOf: new Date(runAsOf),
  id: 'f-1',
  rule: 'G-EXCESS-VS-ROLE',
  severity: 'high',
  subject: { type: 'account', login: 'hlefevre' },
  resource: null,
  message: 'write access on \\\\fs01\\Finance is not allowed',
  evidence: {},
  explain: ['hlefevre ∈ project-y (direct)', 'project-y ∈ finance-share-rw (nested)'],
  ...more,
});

function report(more: Partial<SubjectAccessReport> = {}): SubjectAccessReport {
  return {
    generatedAt: '2026-12-07T09:30:00.000Z',
    request: 'hlefevre',
    identity: { employeeIds: ['E2003'], logins: ['hlefevre'], displayNames: ['Hélène Lefèvre'], mails: [], dns: [], pseudonyms: ['p_0123'] },
    erasure: null,
    heldIn: {},
    accounts: [
      { directory: 'corp', login: 'hlefevre', dn: 'uid=hlefevre,ou=people,dc=acme,dc=test', enabled: true, lastLogon: new Date('2026-11-30T16:05:00Z') },
    ],
    memberships: [],
    effectiveAccess: [],
    notes: [],
    findings: [
      finding('2026-12-01T02:00:00Z'),
      finding('2026-12-03T02:00:00Z'),
      finding('2026-12-02T02:00:00Z'),
      finding('2026-12-03T02:00:00Z', { id: 'f-2', rule: 'H-INACTIVE-USER', severity: 'medium' }),
    ],
    trail: [
      {
        chain: 'change',
        seq: 4,
        at: '2026-12-02T10:15:00.000Z',
        actor: { type: 'person', id: 'p_0456', login: 'rssi' },
        action: 'directory.object-modified',
        target: { type: 'account', id: 'corp:uid=hlefevre,ou=people,dc=acme,dc=test' },
        before: { title: 'Assistante RH' },
        after: { title: 'Chargée RH', acceptedUntil: '2027-06-30T23:59:59.999Z' },
        reason: 'promotion <annual review>',
        correlationId: null,
        subjects: [],
        hash: 'h',
      },
    ],
    ...more,
  };
}

describe(renderSubjectAccessHtml.name, () => {
  const options = { timeZone: 'Europe/Paris' } as const;

  it('is in French by default, dates written the French way in the reader’s time zone', () => {
    const html = renderSubjectAccessHtml(report(), options);
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Données personnelles détenues par Vigie sur Hélène Lefèvre</h1>');
    expect(html).toContain('établie le 7 décembre 2026 à 10:30');
    expect(html).toContain('<td>30 novembre 2026 à 17:05</td>');
    expect(html).toContain('<td>oui</td>');
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('is in English when asked, dates written the British way', () => {
    const html = renderSubjectAccessHtml(report(), { ...options, lang: 'en' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<h1>Personal data held by Vigie about Hélène Lefèvre</h1>');
    expect(html).toContain('generated 7 December 2026 at 10:30');
    expect(html).toContain('<th>First seen</th><th>Last seen</th>');
  });

  it('writes one line per finding, with the first and last audit that found it', () => {
    const html = renderSubjectAccessHtml(report(), options);
    expect(html).toContain('Constats (2)');
    expect(html.match(/<td>G-EXCESS-VS-ROLE<\/td>/g)).toHaveLength(1);
    expect(html).toMatch(/<td>G-EXCESS-VS-ROLE<\/td>.*<td>1 décembre 2026 à 03:00<\/td><td>3 décembre 2026 à 03:00<\/td><td>3<\/td>/);
  });

  it('writes a change as "field: before → after", escaped, not as JSON', () => {
    const html = renderSubjectAccessHtml(report(), options);
    expect(html).toContain('<ul class="changes"><li>title: Assistante RH → Chargée RH</li><li>acceptedUntil: ∅ → 1 juillet 2027 à 01:59</li></ul>');
    expect(html).toContain('promotion &lt;annual review&gt;');
    expect(html).not.toContain('{"title"');
  });

  it.each([
    [
      'fr',
      [
        'Finalités',
        'Destinataires',
        'Durées de conservation',
        'rectification',
        'effacement',
        'limitation',
        'vous opposer',
        'CNIL',
        '3 place de Fontenoy',
        'https://www.cnil.fr/',
        'Source des données',
      ],
    ],
    [
      'en',
      [
        'Purposes',
        'Recipients',
        'Retention',
        'rectified',
        'erasure',
        'restriction',
        'object to the processing',
        'CNIL',
        '3 place de Fontenoy',
        'https://www.cnil.fr/',
        'Source of the data',
      ],
    ],
  ] as const)('lists the items of GDPR art. 15(1) (%s)', (lang, items) => {
    const html = renderSubjectAccessHtml(report(), { ...options, lang });
    for (const item of items) expect(html).toContain(item);
  });

  it('says when the person was erased, under which pseudonym', () => {
    const html = renderSubjectAccessHtml(
      report({ erasure: { pseudonym: 'p_0123', erasedAt: '2026-12-05T08:00:00.000Z' }, accounts: [], findings: [] }),
      options,
    );
    expect(html).toContain('Vos données ont été effacées le 5 décembre 2026 à 09:00');
    expect(html).toContain('p_0123');
    expect(html).toContain('Constats (0)');
  });
});

describe(mergeFindings.name, () => {
  it('keeps the latest run’s wording and counts the runs', () => {
    const merged = mergeFindings([finding('2026-12-01T02:00:00Z', { message: 'old' }), finding('2026-12-03T02:00:00Z', { message: 'new' })]);
    expect(merged).toEqual([
      {
        finding: expect.objectContaining({ message: 'new' }),
        firstSeen: new Date('2026-12-01T02:00:00Z'),
        lastSeen: new Date('2026-12-03T02:00:00Z'),
        runs: 2,
      },
    ]);
  });
});
