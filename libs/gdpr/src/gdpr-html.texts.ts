/** The languages a data subject can read their export in. */
export const EXPORT_LANGUAGES = ['fr', 'en'] as const;
export type ExportLanguage = (typeof EXPORT_LANGUAGES)[number];

/** The CNIL, where a data subject in France lodges a complaint (GDPR art. 77). */
const CNIL = {
  address: 'CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07',
  url: 'https://www.cnil.fr/fr/adresser-une-plainte',
};

export interface ExportTexts {
  locale: string;
  title: (name: string) => string;
  intro: (request: string, generatedAt: string) => string;
  erased: (erasedAt: string, pseudonym: string) => string;
  none: string;
  sections: Record<'identity' | 'accounts' | 'memberships' | 'access' | 'findings' | 'trail' | 'rights', string>;
  headers: {
    identity: string[];
    accounts: string[];
    memberships: string[];
    access: string[];
    findings: string[];
    trail: string[];
  };
  yes: string;
  no: string;
  /** GDPR art. 15(1) (a) to (h), in the order of the article. */
  article15: Array<[string, string]>;
}

const FR: ExportTexts = {
  locale: 'fr-FR',
  title: (name) => `Données personnelles détenues par Vigie sur ${name}`,
  intro: (request, at) =>
    `Réponse à une demande d'accès (RGPD, article 15) pour <strong>${request}</strong>, établie le ${at}. Vigie est l'outil de gouvernance des identités et des accès de l'entreprise : il lit l'annuaire de l'entreprise pour contrôler les droits d'accès et tient un journal d'audit infalsifiable des modifications.`,
  erased: (at, pseudonym) =>
    `Vos données ont été effacées le ${at} (RGPD, article 17) : partout où Vigie vous nommait, vous n'apparaissez plus que sous le pseudonyme ${pseudonym}. Ce qui figure ci-dessous est revenu depuis (par exemple d'un annuaire qui vous compte encore) ou reste dans le journal d'audit, sous pseudonyme, jusqu'à la fin de sa durée de conservation.`,
  none: 'Aucune.',
  sections: {
    identity: 'Identité',
    accounts: 'Comptes',
    memberships: 'Appartenance aux groupes',
    access: 'Accès effectifs',
    findings: 'Constats',
    trail: "Entrées du journal d'audit",
    rights: 'Vos droits et le traitement (RGPD, article 15, paragraphe 1)',
  },
  headers: {
    identity: ['Matricules', 'Identifiants', 'Noms', 'Adresses électroniques', 'Pseudonymes dans le journal'],
    accounts: ['Annuaire', 'Identifiant', 'DN', 'Actif', 'Service', 'Fonction', 'Dernière connexion', 'Mot de passe changé le'],
    memberships: ['Annuaire', 'Compte', 'Groupe', 'Comment'],
    access: ['Annuaire', 'Compte', 'Ressource', 'Niveau', 'Par'],
    findings: ['Contrôle', 'Gravité', 'Constat', 'Explication', 'Vu la première fois', 'Vu la dernière fois', 'Audits'],
    trail: ['Quand', 'Action', 'Auteur', 'Objet', 'Modification', 'Motif'],
  },
  yes: 'oui',
  no: 'non',
  article15: [
    [
      'Finalités',
      "Contrôler que les droits d'accès aux ressources de l'entreprise sont justifiés (arrivées, mobilités, départs, séparation des tâches, comptes à privilèges) et garder la trace des modifications, au titre de la sécurité du système d'information (RGPD, article 32) et de l'intérêt légitime de l'entreprise.",
    ],
    [
      'Catégories de données',
      "Identité dans l'annuaire (nom, identifiant, matricule, adresse électronique, service, fonction), comptes, groupes, accès effectifs, constats d'audit, entrées du journal d'audit.",
    ],
    [
      'Destinataires',
      "Le responsable de la sécurité des systèmes d'information (RSSI), les administrateurs de l'annuaire, les propriétaires des ressources pour les revues d'accès, les auditeurs internes et externes. Aucun transfert hors de l'Union européenne.",
    ],
    [
      'Durées de conservation',
      "Les comptes et groupes tant qu'ils sont dans l'annuaire ; les constats avec les audits conservés ; le journal d'audit selon sa durée de conservation (365 jours par défaut, de 6 mois à 1 an selon la recommandation de la CNIL, jusqu'à 3 ans lorsque c'est justifié).",
    ],
    [
      'Vos droits',
      "Vous pouvez demander la rectification de données inexactes (article 16), leur effacement (article 17), la limitation du traitement (article 18) et vous opposer au traitement (article 21), auprès du délégué à la protection des données de l'entreprise. Une donnée de l'annuaire se rectifie dans l'annuaire : Vigie la relit à la synchronisation suivante.",
    ],
    ['Réclamation', `Vous pouvez introduire une réclamation auprès de la CNIL : ${CNIL.address}, ou en ligne : <a href="${CNIL.url}">${CNIL.url}</a>.`],
    [
      'Source des données',
      "L'annuaire de l'entreprise (Active Directory ou OpenLDAP) et, lorsqu'il est fourni, le fichier des ressources humaines ; le journal d'audit est écrit par Vigie.",
    ],
    ['Décision automatisée', "Aucune : les contrôles signalent des constats, qu'une personne examine et sur lesquels elle décide."],
  ],
};

const EN: ExportTexts = {
  locale: 'en-GB',
  title: (name) => `Personal data held by Vigie about ${name}`,
  intro: (request, at) =>
    `Answer to a data subject access request (GDPR art. 15) for <strong>${request}</strong>, generated ${at}. Vigie is the identity and access governance tool of the company: it reads the company directory to check access rights and keeps a tamper-evident trail of changes.`,
  erased: (at, pseudonym) =>
    `Your data was erased on ${at} (GDPR art. 17): wherever Vigie named you, you appear only as the pseudonym ${pseudonym}. What is below came back since (from a directory that still lists you, for instance) or stays in the trail, under the pseudonym, until its retention ends.`,
  none: 'None.',
  sections: {
    identity: 'Identity',
    accounts: 'Accounts',
    memberships: 'Group memberships',
    access: 'Effective access',
    findings: 'Findings',
    trail: 'Trail entries',
    rights: 'Your rights and the processing (GDPR art. 15(1))',
  },
  headers: {
    identity: ['Employee ids', 'Logins', 'Names', 'Mail', 'Pseudonyms in the trail'],
    accounts: ['Directory', 'Login', 'DN', 'Enabled', 'Department', 'Title', 'Last logon', 'Password last set'],
    memberships: ['Directory', 'Account', 'Group', 'How'],
    access: ['Directory', 'Account', 'Resource', 'Level', 'Through'],
    findings: ['Rule', 'Severity', 'Finding', 'Explanation', 'First seen', 'Last seen', 'Audits'],
    trail: ['When', 'Action', 'Actor', 'Target', 'Change', 'Reason'],
  },
  yes: 'yes',
  no: 'no',
  article15: [
    [
      'Purposes',
      "Checking that access rights to the company's resources are justified (joiners, movers, leavers, separation of duties, privileged accounts) and keeping a record of changes, for the security of processing (GDPR art. 32) and the company's legitimate interest.",
    ],
    [
      'Categories of data',
      'Identity in the directory (name, login, employee id, mail, department, title), accounts, groups, effective access, audit findings, trail entries.',
    ],
    [
      'Recipients',
      'The chief information security officer, the directory administrators, the owners of resources for access reviews, internal and external auditors. No transfer outside the European Union.',
    ],
    [
      'Retention',
      'Accounts and groups while they are in the directory; findings with the audit runs kept; the trail for its retention period (365 days by default, 6 months to 1 year as the CNIL recommends, up to 3 years where justified).',
    ],
    [
      'Your rights',
      "You may ask for inaccurate data to be rectified (art. 16), for erasure (art. 17), for restriction of processing (art. 18), and object to the processing (art. 21), with the company's data protection officer. Directory data is rectified in the directory: Vigie reads it again at the next sync.",
    ],
    ['Complaint', `You may lodge a complaint with the CNIL: ${CNIL.address}, or online: <a href="${CNIL.url}">${CNIL.url}</a>.`],
    ['Source of the data', 'The company directory (Active Directory or OpenLDAP) and, when given, the HR roster; the trail is written by Vigie.'],
    ['Automated decision-making', 'None: the rules flag findings, which a person reviews and decides on.'],
  ],
};

export const EXPORT_TEXTS: Record<ExportLanguage, ExportTexts> = { fr: FR, en: EN };
