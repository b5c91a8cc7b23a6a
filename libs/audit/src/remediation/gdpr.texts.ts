import type { RuleRemediation } from './remediation.model.js';

// GDPR / CNIL rules (R-*): sources as in the rule catalogue (GDPR articles, CNIL deliberation 2021-122).

export const GDPR_TEXTS: Readonly<Record<string, RuleRemediation>> = {
  'R-LOG-RETENTION': {
    fr: {
      why: "Les journaux d'accès contiennent des données personnelles : les garder trop longtemps est contraire au RGPD, trop peu empêche d'enquêter après un incident. La CNIL (délibération 2021-122) recommande une conservation de 6 mois à 1 an, jusqu'à 3 ans seulement si c'est justifié par écrit.",
      fix: {
        ad: 'Régler la durée de conservation dans la politique Vigie (retention.auditLogMonths, entre 6 et 12) et lancer la purge (vigie audit-log prune) ; régler aussi la taille ou la durée des journaux Windows : Limit-EventLog -LogName Security -OverflowAction OverwriteOlder -RetentionDays <jours>.',
        openldap:
          "Régler la durée de conservation dans la politique Vigie (retention.auditLogMonths) et lancer la purge (vigie audit-log prune) ; pour l'overlay accesslog de slapd : ldapmodify -Y EXTERNAL -H ldapi:/// <<< $'dn: olcOverlay={0}accesslog,olcDatabase={1}mdb,cn=config\\nchangetype: modify\\nreplace: olcAccessLogPurge\\nolcAccessLogPurge: 365+00:00 1+00:00'",
      },
    },
    en: {
      why: 'Access logs hold personal data: keeping them too long breaks the GDPR, too short prevents investigating an incident. The CNIL (deliberation 2021-122) recommends keeping them 6 months to 1 year, up to 3 years only where documented.',
      fix: {
        ad: "Set the retention in the Vigie policy (retention.auditLogMonths, 6 to 12) and run the purge (vigie audit-log prune); also set the Windows logs' size or retention: Limit-EventLog -LogName Security -OverflowAction OverwriteOlder -RetentionDays <days>.",
        openldap:
          "Set the retention in the Vigie policy (retention.auditLogMonths) and run the purge (vigie audit-log prune); for slapd's accesslog overlay: ldapmodify -Y EXTERNAL -H ldapi:/// <<< $'dn: olcOverlay={0}accesslog,olcDatabase={1}mdb,cn=config\\nchangetype: modify\\nreplace: olcAccessLogPurge\\nolcAccessLogPurge: 365+00:00 1+00:00'",
      },
    },
  },
  'R-REGISTER': {
    fr: {
      why: "Cette ressource contient des données personnelles mais n'est rattachée à aucun traitement du registre, ou ses groupes d'accès n'en sont pas destinataires déclarés : l'entreprise ne peut pas démontrer sa conformité. Le RGPD (art. 30 et art. 5(2)) impose un registre des traitements à jour.",
      fix: {
        ad: 'Ajouter ou compléter la fiche du traitement dans le registre (politique Vigie) en y déclarant la ressource et ses groupes destinataires ; sinon retirer les groupes non prévus : Remove-ADGroupMember -Identity "<DL_ressource>" -Members "<groupe>".',
        openldap:
          "Ajouter ou compléter la fiche du traitement dans le registre (politique Vigie) ; sinon retirer le groupe non prévu de la ressource : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: cn=<groupe-ressource>,ou=groups,<base>\\nchangetype: modify\\ndelete: member\\nmember: cn=<groupe>,ou=groups,<base>'",
      },
    },
    en: {
      why: "This resource holds personal data but is tied to no processing of the record, or its access groups are not among that record's declared recipients: the company cannot show compliance. The GDPR (art. 30 and art. 5(2)) requires an up-to-date record of processing.",
      fix: {
        ad: 'Add or complete the processing record (Vigie policy), declaring the resource and its recipient groups; otherwise remove the unexpected groups: Remove-ADGroupMember -Identity "<DL_resource>" -Members "<group>".',
        openldap:
          "Add or complete the processing record (Vigie policy); otherwise remove the unexpected group from the resource: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: cn=<resource-group>,ou=groups,<base>\\nchangetype: modify\\ndelete: member\\nmember: cn=<group>,ou=groups,<base>'",
      },
    },
  },
  'R-LEAVER-RETENTION': {
    fr: {
      why: "Le compte désactivé d'un ancien salarié est conservé au-delà de la durée prévue : ses données personnelles (et souvent sa boîte aux lettres) sont gardées sans raison. Le RGPD (art. 5(1)(e), limitation de la conservation) l'interdit ; l'autorité belge a sanctionné en 2020 une boîte gardée 2 ans.",
      fix: {
        ad: 'Exporter ce qui doit être archivé (obligations légales), puis supprimer le compte : Remove-ADUser -Identity <login> (ADUC : clic droit > « Supprimer »).',
        openldap: "Exporter ce qui doit être archivé, puis supprimer l'entrée : ldapdelete -H ldap://<serveur> -D <dn-admin> -W 'uid=<login>,ou=people,<base>'",
      },
    },
    en: {
      why: "A former employee's disabled account is kept beyond the planned period: their personal data (and often their mailbox) is kept for no reason. The GDPR (art. 5(1)(e), storage limitation) forbids it; the Belgian DPA fined a company in 2020 for a mailbox kept 2 years.",
      fix: {
        ad: 'Export what must be archived (legal obligations), then delete the account: Remove-ADUser -Identity <login> (ADUC: right-click > "Delete").',
        openldap: "Export what must be archived, then delete the entry: ldapdelete -H ldap://<server> -D <admin-dn> -W 'uid=<login>,ou=people,<base>'",
      },
    },
  },
  'R-SPECIAL-CATEGORY': {
    fr: {
      why: 'La ressource contient des données sensibles (santé, appartenance syndicale, etc.) et des personnes hors des destinataires déclarés y accèdent. Le RGPD (art. 9 et art. 32) exige une protection renforcée de ces données et un accès limité au strict nécessaire.',
      fix: {
        ad: 'Retirer les accès non déclarés : Remove-ADGroupMember -Identity "<DL_ressource>" -Members <login-ou-groupe> ; vérifier aussi les groupes imbriqués indiqués dans l\'explication.',
        openldap:
          "Retirer les accès non déclarés : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: cn=<groupe-ressource>,ou=groups,<base>\\nchangetype: modify\\ndelete: member\\nmember: uid=<login>,ou=people,<base>'",
      },
    },
    en: {
      why: 'The resource holds special-category data (health, trade-union membership, etc.) and people outside its declared recipients reach it. The GDPR (art. 9 and art. 32) requires stronger protection of such data and access limited to the strict need.',
      fix: {
        ad: 'Remove the undeclared access: Remove-ADGroupMember -Identity "<DL_resource>" -Members <login-or-group>; also check the nested groups the explanation names.',
        openldap:
          "Remove the undeclared access: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: cn=<resource-group>,ou=groups,<base>\\nchangetype: modify\\ndelete: member\\nmember: uid=<login>,ou=people,<base>'",
      },
    },
  },
  'R-SAR-OVERDUE': {
    fr: {
      why: "Une personne a demandé l'accès à ses données il y a plus d'un mois sans réponse : le délai légal est dépassé et elle peut saisir la CNIL. Le RGPD (art. 12(3) et art. 15) impose de répondre dans un délai d'un mois.",
      fix: {
        ad: "Préparer la réponse avec l'export des données de la personne (vigie gdpr export <matricule-ou-login>), l'envoyer, puis clore la demande dans Vigie. Aucune action dans l'annuaire n'est nécessaire.",
        openldap:
          "Préparer la réponse avec l'export des données de la personne (vigie gdpr export <matricule-ou-login>), l'envoyer, puis clore la demande dans Vigie. Aucune action dans l'annuaire n'est nécessaire.",
      },
    },
    en: {
      why: 'A person asked for access to their data more than a month ago and got no answer: the legal deadline has passed and they may complain to the supervisory authority. The GDPR (art. 12(3) and art. 15) requires an answer within one month.',
      fix: {
        ad: "Prepare the answer with the export of the person's data (vigie gdpr export <employee-id-or-login>), send it, then close the request in Vigie. Nothing needs doing in the directory.",
        openldap:
          "Prepare the answer with the export of the person's data (vigie gdpr export <employee-id-or-login>), send it, then close the request in Vigie. Nothing needs doing in the directory.",
      },
    },
  },
};
