import { RULE_CATALOGUE, RULE_IDS } from '#vigie/policy';
import { allRules } from './index.js';

describe(allRules.name, () => {
  const rules = allRules();

  it('registers each rule once, with a catalogue id and the catalogue default severity', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules)
      expect({ id: rule.id, severity: rule.defaultSeverity }).toEqual({ id: rule.id, severity: RULE_CATALOGUE[rule.id]?.defaultSeverity });
  });

  it('keeps the catalogue order', () => {
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual(RULE_IDS.filter((id) => ids.includes(id)));
  });

  it('implements every rule of the catalogue but the ones still to come', () => {
    // R-SAR-OVERDUE needs a record of data subject access requests, which libs/gdpr does not keep yet.
    expect(RULE_IDS.filter((id) => !rules.some((r) => r.id === id))).toEqual(['R-SAR-OVERDUE']);
  });
});
