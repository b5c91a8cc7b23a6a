/** The languages the remediation texts are written in. */
export const REMEDIATION_LANGS = ['fr', 'en'] as const;
export type RemediationLang = (typeof REMEDIATION_LANGS)[number];

/** Why a rule's findings matter, and how to fix one, on Active Directory and on OpenLDAP. */
export interface RemediationText {
  why: string;
  fix: { ad: string; openldap: string };
}

/** One rule's texts, in every language. */
export type RuleRemediation = Record<RemediationLang, RemediationText>;
