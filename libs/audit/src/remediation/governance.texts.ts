import type { RuleRemediation } from './remediation.model.js';

// Access governance rules (G-*): sources as in the rule catalogue (ISO/IEC 27001:2013 Annex A and 2022 controls).

const REMOVE_MEMBER_FR =
  "ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: cn=<groupe>,ou=groups,<base>\\nchangetype: modify\\ndelete: member\\nmember: uid=<login>,ou=people,<base>'";
const REMOVE_MEMBER_EN =
  "ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: cn=<group>,ou=groups,<base>\\nchangetype: modify\\ndelete: member\\nmember: uid=<login>,ou=people,<base>'";
const ADD_MEMBER_FR =
  "ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: cn=<groupe>,ou=groups,<base>\\nchangetype: modify\\nadd: member\\nmember: uid=<login>,ou=people,<base>'";
const ADD_MEMBER_EN =
  "ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: cn=<group>,ou=groups,<base>\\nchangetype: modify\\nadd: member\\nmember: uid=<login>,ou=people,<base>'";
const LOCK_FR =
  "ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\nreplace: pwdAccountLockedTime\\npwdAccountLockedTime: 000001010000Z'";
const LOCK_EN =
  "ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\nreplace: pwdAccountLockedTime\\npwdAccountLockedTime: 000001010000Z'";

export const GOVERNANCE_TEXTS: Readonly<Record<string, RuleRemediation>> = {
  'G-LEAVER': {
    fr: {
      why: "La personne a quitté l'entreprise selon les RH, mais son compte peut encore ouvrir une session ou garde ses groupes : un ancien salarié, ou quiconque connaît son mot de passe, accède encore aux données. ISO 27001 (A.9.2.6 ; 2022, 5.18 d) impose de retirer les accès au départ.",
      fix: {
        ad: 'Désactiver le compte et retirer ses groupes : Disable-ADAccount -Identity <login> ; Get-ADPrincipalGroupMembership <login> | Where-Object Name -ne "Domain Users" | ForEach-Object { Remove-ADGroupMember -Identity $_ -Members <login> -Confirm:$false }.',
        openldap: `Verrouiller le compte puis le retirer de chaque groupe : ${LOCK_FR} ; puis, pour chaque groupe : ${REMOVE_MEMBER_FR}`,
      },
    },
    en: {
      why: 'HR says the person has left, but the account can still log on or keeps its groups: a former employee, or anyone who knows the password, still reaches the data. ISO 27001 (A.9.2.6; 2022, 5.18 d) requires access removed on departure.',
      fix: {
        ad: 'Disable the account and remove its groups: Disable-ADAccount -Identity <login>; Get-ADPrincipalGroupMembership <login> | Where-Object Name -ne "Domain Users" | ForEach-Object { Remove-ADGroupMember -Identity $_ -Members <login> -Confirm:$false }.',
        openldap: `Lock the account, then remove it from each group: ${LOCK_EN}; then, for each group: ${REMOVE_MEMBER_EN}`,
      },
    },
  },
  'G-ORPHAN': {
    fr: {
      why: "Un compte de personne sans dossier RH n'appartient à personne de connu : personne ne demandera sa suppression, et il peut servir à un intrus. ISO 27001 (A.9.2.1 ; 2022, 5.16) exige que chaque compte corresponde à une identité gérée.",
      fix: {
        ad: "Retrouver le titulaire : s'il s'agit d'un compte de service, le déclarer dans l'inventaire des comptes de service ; sinon le désactiver : Disable-ADAccount -Identity <login>, et renseigner employeeID pour un salarié oublié par le flux RH : Set-ADUser -Identity <login> -EmployeeID <matricule>.",
        openldap: `Déclarer le compte de service dans l'inventaire, renseigner employeeNumber pour un salarié, ou verrouiller le compte : ${LOCK_FR}`,
      },
    },
    en: {
      why: 'A person account with no HR record belongs to nobody known: nobody will ask for its removal, and an intruder can use it. ISO 27001 (A.9.2.1; 2022, 5.16) requires every account to match a managed identity.',
      fix: {
        ad: 'Find the holder: for a service account, declare it in the service-account inventory; otherwise disable it: Disable-ADAccount -Identity <login>; for an employee the HR feed missed, set employeeID: Set-ADUser -Identity <login> -EmployeeID <employee-id>.',
        openldap: `Declare the service account in the inventory, set employeeNumber for an employee, or lock the account: ${LOCK_EN}`,
      },
    },
  },
  'G-MOVER': {
    fr: {
      why: "La personne a changé de poste mais garde les groupes de l'ancien : ses droits s'accumulent au fil des mutations, bien au-delà de son besoin. ISO 27001 (A.9.2.6) demande d'ajuster les accès à chaque changement de fonction.",
      fix: {
        ad: 'Retirer les groupes de l\'ancienne fonction, après accord du nouveau responsable : Remove-ADGroupMember -Identity "<groupe>" -Members <login> (ADUC : onglet « Membre de » > « Supprimer »).',
        openldap: `Retirer le compte des groupes de l'ancienne fonction : ${REMOVE_MEMBER_FR}`,
      },
    },
    en: {
      why: 'The person changed jobs but keeps the groups of the old one: rights pile up with every move, far beyond the need. ISO 27001 (A.9.2.6) requires access adjusted on every change of role.',
      fix: {
        ad: 'Remove the groups of the old role, with the new manager\'s agreement: Remove-ADGroupMember -Identity "<group>" -Members <login> (ADUC: "Member Of" tab > "Remove").',
        openldap: `Remove the account from the old role's groups: ${REMOVE_MEMBER_EN}`,
      },
    },
  },
  'G-TEMP-EXPIRED': {
    fr: {
      why: "Un accès accordé pour une durée limitée, ou un compte dont la date d'expiration est passée, reste effectif : le temporaire devient permanent sans décision. ISO 27001:2022 (5.18 e) demande de retirer les accès à leur échéance.",
      fix: {
        ad: 'Retirer le groupe temporaire : Remove-ADGroupMember -Identity "<groupe>" -Members <login> ; pour un compte expiré encore actif, le désactiver : Disable-ADAccount -Identity <login>. À l\'avenir, utiliser une date d\'expiration : Set-ADAccountExpiration -Identity <login> -DateTime <AAAA-MM-JJ>.',
        openldap: `Retirer le compte du groupe temporaire : ${REMOVE_MEMBER_FR} ; pour un compte dont pwdEndTime est passé, le verrouiller.`,
      },
    },
    en: {
      why: 'Access granted for a limited time, or an account past its expiry date, is still effective: temporary becomes permanent without a decision. ISO 27001:2022 (5.18 e) requires access removed when it ends.',
      fix: {
        ad: 'Remove the temporary group: Remove-ADGroupMember -Identity "<group>" -Members <login>; for an expired account still enabled, disable it: Disable-ADAccount -Identity <login>. Next time, set an expiry: Set-ADAccountExpiration -Identity <login> -DateTime <YYYY-MM-DD>.',
        openldap: `Remove the account from the temporary group: ${REMOVE_MEMBER_EN}; for an account whose pwdEndTime has passed, lock it.`,
      },
    },
  },
  'G-REVIEW-OVERDUE': {
    fr: {
      why: "Personne n'a vérifié depuis trop longtemps qui accède à cette ressource : des droits devenus inutiles restent en place sans que personne ne le voie. ISO 27001 (A.9.2.5) demande une revue périodique des droits par le propriétaire de la ressource.",
      fix: {
        ad: 'Faire revoir la liste des accès par le propriétaire (Get-ADGroupMember -Identity "<groupe>" -Recursive), retirer ce qui n\'est plus justifié (Remove-ADGroupMember), puis enregistrer la revue dans Vigie.',
        openldap:
          "Faire revoir par le propriétaire la liste des membres (ldapsearch -H ldap://<serveur> -b 'cn=<groupe>,ou=groups,<base>' member), retirer ce qui n'est plus justifié avec ldapmodify (delete: member), puis enregistrer la revue dans Vigie.",
      },
    },
    en: {
      why: 'Nobody has checked who reaches this resource for too long: rights no longer needed stay in place unseen. ISO 27001 (A.9.2.5) requires the resource owner to review access periodically.',
      fix: {
        ad: 'Have the owner review the access list (Get-ADGroupMember -Identity "<group>" -Recursive), remove what is no longer justified (Remove-ADGroupMember), then record the review in Vigie.',
        openldap:
          "Have the owner review the members (ldapsearch -H ldap://<server> -b 'cn=<group>,ou=groups,<base>' member), remove what is no longer justified with ldapmodify (delete: member), then record the review in Vigie.",
      },
    },
  },
  'G-SOD': {
    fr: {
      why: "Une même personne détient deux droits que la politique déclare incompatibles (par exemple créer un fournisseur et payer ses factures) : elle peut frauder ou se tromper sans contrôle d'une seconde personne. ISO 27001 (A.6.1.2 ; 2022, 5.3) impose la séparation des tâches.",
      fix: {
        ad: 'Retirer l\'un des deux droits, après décision du responsable : Remove-ADGroupMember -Identity "<groupe>" -Members <login> (vérifier aussi les groupes imbriqués et le groupe principal indiqués dans l\'explication).',
        openldap: `Retirer le compte de l'un des deux groupes : ${REMOVE_MEMBER_FR}`,
      },
    },
    en: {
      why: 'One person holds two entitlements the policy declares incompatible (say, creating a supplier and paying its invoices): they can commit fraud or errors with no second person checking. ISO 27001 (A.6.1.2; 2022, 5.3) requires segregation of duties.',
      fix: {
        ad: 'Remove one of the two entitlements, as the manager decides: Remove-ADGroupMember -Identity "<group>" -Members <login> (also check the nested groups and the primary group the explanation names).',
        openldap: `Remove the account from one of the two groups: ${REMOVE_MEMBER_EN}`,
      },
    },
  },
  'G-OPEN-SHARE': {
    fr: {
      why: "La ressource est ouverte à « Tout le monde », « Utilisateurs authentifiés » ou « Utilisateurs du domaine » : chaque compte, y compris celui d'un intrus, y accède. Avec des données personnelles, c'est contraire à la protection des données par défaut (RGPD, art. 25(2)) ; PingCastle et Netwrix le signalent.",
      fix: {
        ad: 'Dans les propriétés du partage et l\'onglet « Sécurité » du dossier, retirer Everyone, Authenticated Users et Domain Users, et donner l\'accès à un groupe local de domaine dédié (Add-ADGroupMember -Identity "<DL_ressource>" -Members "<groupe>") ; en PowerShell : Revoke-SmbShareAccess -Name <partage> -AccountName Everyone.',
        openldap:
          'Retirer des ACL du serveur de fichiers (Samba : valid users, ou ACL POSIX) le groupe qui contient tout le monde, et les limiter au groupe de la ressource : setfacl -x g:<groupe-tous> <chemin> ; setfacl -m g:<groupe-ressource>:rx <chemin>.',
      },
    },
    en: {
      why: "The resource is open to Everyone, Authenticated Users or Domain Users: every account, an intruder's included, reaches it. With personal data this breaks data protection by default (GDPR art. 25(2)); PingCastle and Netwrix report it.",
      fix: {
        ad: 'In the share properties and the folder\'s "Security" tab, remove Everyone, Authenticated Users and Domain Users, and grant access to a dedicated domain-local group (Add-ADGroupMember -Identity "<DL_resource>" -Members "<group>"); in PowerShell: Revoke-SmbShareAccess -Name <share> -AccountName Everyone.',
        openldap:
          "Remove the everyone group from the file server's ACLs (Samba valid users, or POSIX ACLs) and limit them to the resource's group: setfacl -x g:<everyone-group> <path>; setfacl -m g:<resource-group>:rx <path>.",
      },
    },
  },
  'G-EXCESS-VS-ROLE': {
    fr: {
      why: "La personne a un accès que la politique ne prévoit pas pour son service, sa fonction ou son type de contrat : c'est un droit en trop, donc un risque en trop. ISO 27001:2022 (5.15, 5.18 f) demande des accès limités au besoin.",
      fix: {
        ad: "Retirer l'accès s'il n'est pas justifié : Remove-ADGroupMember -Identity \"<groupe>\" -Members <login> ; s'il l'est, le faire demander et approuver dans Vigie, ou compléter la politique.",
        openldap: `Retirer le compte du groupe s'il n'est pas justifié : ${REMOVE_MEMBER_FR}`,
      },
    },
    en: {
      why: 'The person holds access the policy does not provide for their department, title or contract type: one right too many, so one risk too many. ISO 27001:2022 (5.15, 5.18 f) requires access limited to need.',
      fix: {
        ad: 'Remove the access if it is not justified: Remove-ADGroupMember -Identity "<group>" -Members <login>; if it is, have it requested and approved in Vigie, or extend the policy.',
        openldap: `Remove the account from the group if it is not justified: ${REMOVE_MEMBER_EN}`,
      },
    },
  },
  'G-MISSING-BIRTHRIGHT': {
    fr: {
      why: "La politique prévoit cet accès pour le poste de la personne, mais il manque : elle ne peut pas travailler normalement, et on finit souvent par lui donner des droits trop larges pour contourner le problème. C'est un défaut de qualité de l'arrivée.",
      fix: {
        ad: 'Ajouter le compte au groupe prévu : Add-ADGroupMember -Identity "<groupe>" -Members <login> (ADUC : onglet « Membre de » > « Ajouter »).',
        openldap: `Ajouter le compte au groupe prévu : ${ADD_MEMBER_FR}`,
      },
    },
    en: {
      why: "The policy grants this access to the person's role, but it is missing: they cannot work normally, and overly broad rights often end up granted as a workaround. It is an onboarding quality gap.",
      fix: {
        ad: 'Add the account to the expected group: Add-ADGroupMember -Identity "<group>" -Members <login> (ADUC: "Member Of" tab > "Add").',
        openldap: `Add the account to the expected group: ${ADD_MEMBER_EN}`,
      },
    },
  },
  'G-PEER-OUTLIER': {
    fr: {
      why: "Très peu de collègues du même service et de la même fonction ont cet accès : c'est souvent un reste d'ancien poste ou une exception oubliée. C'est une information à vérifier, comme le proposent SailPoint et les revues d'accès Entra.",
      fix: {
        ad: 'Demander au responsable si l\'accès est justifié ; sinon : Remove-ADGroupMember -Identity "<groupe>" -Members <login>.',
        openldap: `Demander au responsable si l'accès est justifié ; sinon : ${REMOVE_MEMBER_FR}`,
      },
    },
    en: {
      why: 'Very few peers with the same department and title hold this access: it is often left over from an old job or a forgotten exception. It is a point to check, as SailPoint and Entra access reviews suggest.',
      fix: {
        ad: 'Ask the manager whether the access is justified; if not: Remove-ADGroupMember -Identity "<group>" -Members <login>.',
        openldap: `Ask the manager whether the access is justified; if not: ${REMOVE_MEMBER_EN}`,
      },
    },
  },
  'G-NO-OWNER': {
    fr: {
      why: "Une ressource sans propriétaire ni criticité n'est revue par personne et personne ne peut approuver ses accès. ISO 27001:2022 (5.9, 5.12) demande un inventaire des actifs avec un propriétaire et une classification.",
      fix: {
        ad: 'Désigner un propriétaire et une criticité dans la politique Vigie (fichier de la ressource : owner, criticality) ; dans AD, le reporter aussi sur le groupe : Set-ADGroup -Identity "<groupe>" -ManagedBy <login-propriétaire>.',
        openldap:
          "Désigner un propriétaire et une criticité dans la politique Vigie ; dans l'annuaire, le reporter sur le groupe : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: cn=<groupe>,ou=groups,<base>\\nchangetype: modify\\nreplace: owner\\nowner: uid=<login-propriétaire>,ou=people,<base>'",
      },
    },
    en: {
      why: 'A resource with no owner or criticality is reviewed by nobody, and nobody can approve its access. ISO 27001:2022 (5.9, 5.12) requires an asset inventory with an owner and a classification.',
      fix: {
        ad: 'Name an owner and a criticality in the Vigie policy (the resource file: owner, criticality); in AD, record it on the group too: Set-ADGroup -Identity "<group>" -ManagedBy <owner-login>.',
        openldap:
          "Name an owner and a criticality in the Vigie policy; in the directory, record it on the group: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: cn=<group>,ou=groups,<base>\\nchangetype: modify\\nreplace: owner\\nowner: uid=<owner-login>,ou=people,<base>'",
      },
    },
  },
  'G-PRIV-CHANGE': {
    fr: {
      why: "Un nouveau membre est apparu dans un groupe privilégié ou sur une ressource critique sans demande approuvée : c'est soit une erreur de procédure, soit la trace d'un attaquant qui s'élève en privilèges. ISO 27001:2022 (8.15, 8.16) demande de surveiller et de traiter aussitôt ces changements.",
      fix: {
        ad: 'Vérifier qui a fait l\'ajout (événements 4728, 4732, 4756 sur les contrôleurs) ; sans justification, retirer le membre aussitôt : Remove-ADGroupMember -Identity "<groupe>" -Members <login>, et traiter comme un incident de sécurité.',
        openldap: `Vérifier qui a fait l'ajout (journal d'accès slapd ou overlay accesslog) ; sans justification, retirer le membre : ${REMOVE_MEMBER_FR}`,
      },
    },
    en: {
      why: 'A new member appeared in a privileged group or on a critical resource with no approved request: either a procedure slip or the trace of an attacker raising privileges. ISO 27001:2022 (8.15, 8.16) requires such changes monitored and handled at once.',
      fix: {
        ad: 'Check who made the change (events 4728, 4732, 4756 on the domain controllers); without a justification, remove the member at once: Remove-ADGroupMember -Identity "<group>" -Members <login>, and handle it as a security incident.',
        openldap: `Check who made the change (slapd's access log or the accesslog overlay); without a justification, remove the member: ${REMOVE_MEMBER_EN}`,
      },
    },
  },
  'G-AGDLP': {
    fr: {
      why: 'Une permission donnée directement à un utilisateur ou à un groupe global se perd dans les ACL : on ne sait plus qui a accès à quoi, et les revues deviennent impossibles. La pratique AGDLP de Microsoft recommande : comptes dans des groupes globaux, groupes globaux dans des groupes locaux de domaine, permissions aux seuls groupes locaux de domaine.',
      fix: {
        ad: 'Créer un groupe local de domaine pour la ressource (New-ADGroup -Name "<DL_ressource>" -GroupScope DomainLocal), y placer le groupe global (Add-ADGroupMember -Identity "<DL_ressource>" -Members "<GG_service>"), donner la permission à ce groupe dans l\'onglet « Sécurité », puis retirer l\'entrée de l\'utilisateur ou du groupe global.',
        openldap:
          "Donner la permission à un groupe dédié à la ressource plutôt qu'à un utilisateur : setfacl -m g:<groupe-ressource>:rwx <chemin> ; setfacl -x u:<login> <chemin>.",
      },
    },
    en: {
      why: "A permission granted straight to a user or a global group gets lost in the ACLs: nobody knows who reaches what any more, and reviews become impossible. Microsoft's AGDLP practice: accounts in global groups, global groups in domain-local groups, permissions to domain-local groups only.",
      fix: {
        ad: 'Create a domain-local group for the resource (New-ADGroup -Name "<DL_resource>" -GroupScope DomainLocal), put the global group in it (Add-ADGroupMember -Identity "<DL_resource>" -Members "<GG_department>"), grant the permission to that group in the "Security" tab, then remove the user\'s or global group\'s entry.',
        openldap:
          'Grant the permission to a group dedicated to the resource rather than to a user: setfacl -m g:<resource-group>:rwx <path>; setfacl -x u:<login> <path>.',
      },
    },
  },
  'G-ADMIN-DAILY': {
    fr: {
      why: "Un compte du quotidien (messagerie, navigation) avec des droits d'administrateur expose ces droits au premier courriel piégé ; un compte partagé sans propriétaire ne permet pas de savoir qui a agi. Le CIS (5.4) et PingCastle (P-AdminEmailOn) demandent des comptes d'administration séparés et nominatifs.",
      fix: {
        ad: 'Créer un compte d\'administration dédié (New-ADUser -Name "adm-<login>" …), y transférer les droits, puis retirer ceux du compte courant : Remove-ADGroupMember -Identity "<groupe-privilégié>" -Members <login>. Pour un compte partagé, désigner un propriétaire ou le remplacer par des comptes nominatifs.',
        openldap: `Créer un compte d'administration dédié (adm-<login>), l'ajouter au groupe d'administration, puis retirer le compte courant : ${REMOVE_MEMBER_FR}`,
      },
    },
    en: {
      why: 'An everyday account (mail, browsing) with administrator rights exposes those rights to the first malicious email; a shared account with no owner hides who did what. CIS (5.4) and PingCastle (P-AdminEmailOn) require separate, named admin accounts.',
      fix: {
        ad: 'Create a dedicated admin account (New-ADUser -Name "adm-<login>" …), move the rights to it, then remove them from the everyday account: Remove-ADGroupMember -Identity "<privileged-group>" -Members <login>. For a shared account, name an owner or replace it with named accounts.',
        openldap: `Create a dedicated admin account (adm-<login>), add it to the admin group, then remove the everyday account: ${REMOVE_MEMBER_EN}`,
      },
    },
  },
};
