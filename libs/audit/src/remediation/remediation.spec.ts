import { RULE_IDS } from '#vigie/policy';
import { GDPR_TEXTS } from './gdpr.texts.js';
import { GOVERNANCE_TEXTS } from './governance.texts.js';
import { HYGIENE_TEXTS } from './hygiene.texts.js';
import { REMEDIATION_LANGS, REMEDIATIONS, remediationOf } from './remediation.js';

describe('remediation texts', () => {
  it('has a text in every language for every rule of the catalogue, no field empty', () => {
    const gaps = RULE_IDS.flatMap((id) =>
      REMEDIATION_LANGS.flatMap((lang) => {
        const t = remediationOf(id, lang);
        if (!t) return [`${id} ${lang}: no text`];
        const fields = { why: t.why, 'fix.ad': t.fix.ad, 'fix.openldap': t.fix.openldap };
        return Object.entries(fields)
          .filter(([, text]) => typeof text !== 'string' || text.trim().length < 20)
          .map(([field]) => `${id} ${lang}: ${field} empty or too short`);
      }),
    );
    expect(gaps).toEqual([]);
  });

  it('holds texts only for rules of the catalogue, and names no rule id the catalogue does not know', () => {
    expect(Object.keys(REMEDIATIONS).filter((id) => !(RULE_IDS as readonly string[]).includes(id))).toEqual([]);
    const unknown = Object.entries(REMEDIATIONS).flatMap(([id, texts]) =>
      [...JSON.stringify(texts).matchAll(/\b[HGR]-[A-Z0-9]+(?:-[A-Z0-9]+)*\b/g)]
        .map((m) => m[0])
        .filter((named) => !(RULE_IDS as readonly string[]).includes(named))
        .map((named) => `${id} names ${named}`),
    );
    expect(unknown).toEqual([]);
  });

  it('files each rule under its family, once', () => {
    expect(Object.keys(HYGIENE_TEXTS).every((id) => id.startsWith('H-'))).toBe(true);
    expect(Object.keys(GOVERNANCE_TEXTS).every((id) => id.startsWith('G-'))).toBe(true);
    expect(Object.keys(GDPR_TEXTS).every((id) => id.startsWith('R-'))).toBe(true);
    const count = Object.keys(HYGIENE_TEXTS).length + Object.keys(GOVERNANCE_TEXTS).length + Object.keys(GDPR_TEXTS).length;
    expect(Object.keys(REMEDIATIONS)).toHaveLength(count);
  });

  it('says plainly when a step does not apply to OpenLDAP, in the language of the text', () => {
    expect(remediationOf('H-KRBTGT', 'en')!.fix.openldap).toMatch(/^Not applicable on OpenLDAP: /);
    expect(remediationOf('H-KRBTGT', 'fr')!.fix.openldap).toMatch(/^Sans objet sur OpenLDAP : /);
  });

  it('quotes with « » in French prose (straight quotes stay for PowerShell and shell commands)', () => {
    expect(RULE_IDS.filter((id) => remediationOf(id, 'fr')?.why.includes('"'))).toEqual([]);
  });

  it('misses, rather than throws, for a rule id it does not know', () => {
    expect(remediationOf('H-BOGUS', 'fr')).toBeUndefined();
    expect(remediationOf('toString', 'en')).toBeUndefined();
  });
});
