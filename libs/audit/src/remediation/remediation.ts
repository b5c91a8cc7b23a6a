import { GDPR_TEXTS } from './gdpr.texts.js';
import { GOVERNANCE_TEXTS } from './governance.texts.js';
import { HYGIENE_TEXTS } from './hygiene.texts.js';
import type { RemediationLang, RemediationText, RuleRemediation } from './remediation.model.js';

export { REMEDIATION_LANGS, type RemediationLang, type RemediationText, type RuleRemediation } from './remediation.model.js';

/** Every rule's texts, by rule id: why its findings matter and how to fix one (issue 18). */
export const REMEDIATIONS: Readonly<Record<string, RuleRemediation>> = { ...HYGIENE_TEXTS, ...GOVERNANCE_TEXTS, ...GDPR_TEXTS };

/** Why a rule's finding matters and how to fix it, in `lang`; undefined for a rule id without texts. */
export function remediationOf(ruleId: string, lang: RemediationLang): RemediationText | undefined {
  return Object.hasOwn(REMEDIATIONS, ruleId) ? REMEDIATIONS[ruleId]![lang] : undefined;
}
