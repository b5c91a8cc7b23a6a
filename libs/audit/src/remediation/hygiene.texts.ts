import type { RuleRemediation } from './remediation.model.js';

// Hygiene rules (H-*): sources as in the rule catalogue (PingCastle rule and ANSSI level, MITRE ATT&CK).

const AD_ONLY_FR = (what: string) => `Sans objet sur OpenLDAP : ${what}`;
const AD_ONLY_EN = (what: string) => `Not applicable on OpenLDAP: ${what}`;

export const HYGIENE_TEXTS: Readonly<Record<string, RuleRemediation>> = {
  'H-INACTIVE-USER': {
    fr: {
      why: "Un compte actif que personne n'utilise est une porte d'entrée que personne ne surveille : un mot de passe volé ou deviné y passe inaperçu. L'ANSSI (règle PingCastle S-Inactive, niveau 1) et le CIS (contrôle 5.3) demandent de désactiver les comptes inutilisés.",
      fix: {
        ad: "Vérifier avec le responsable que le compte n'est plus utile, puis le désactiver : dans « Utilisateurs et ordinateurs Active Directory », clic droit sur le compte > « Désactiver le compte », ou en PowerShell : Disable-ADAccount -Identity <login>. Le supprimer après la période de conservation.",
        openldap:
          "Verrouiller le compte (overlay ppolicy) : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\nreplace: pwdAccountLockedTime\\npwdAccountLockedTime: 000001010000Z'",
      },
    },
    en: {
      why: 'An enabled account nobody uses is a door nobody watches: a stolen or guessed password goes unnoticed there. ANSSI (PingCastle rule S-Inactive, level 1) and CIS (control 5.3) require unused accounts to be disabled.',
      fix: {
        ad: 'Check with the manager that the account is no longer needed, then disable it: in "Active Directory Users and Computers", right-click the account > "Disable Account", or in PowerShell: Disable-ADAccount -Identity <login>. Delete it once the retention period ends.',
        openldap:
          "Lock the account (ppolicy overlay): ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\nreplace: pwdAccountLockedTime\\npwdAccountLockedTime: 000001010000Z'",
      },
    },
  },
  'H-INACTIVE-ADMIN': {
    fr: {
      why: "Un compte à privilèges inutilisé garde tous ses droits sans que personne ne remarque son usage : c'est une cible de choix pour un attaquant. PingCastle (P-Inactive) et Purple Knight (SI000038) le signalent parmi les risques les plus graves.",
      fix: {
        ad: 'Retirer le compte des groupes privilégiés puis le désactiver : Remove-ADGroupMember -Identity "Domain Admins" -Members <login> ; Disable-ADAccount -Identity <login>. Dans ADUC : onglet « Membre de » > « Supprimer », puis clic droit > « Désactiver le compte ».',
        openldap:
          "Retirer le compte du groupe d'administration puis le verrouiller : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: cn=<groupe-admin>,ou=groups,<base>\\nchangetype: modify\\ndelete: member\\nmember: uid=<login>,ou=people,<base>' ; puis le verrouiller (replace: pwdAccountLockedTime, valeur 000001010000Z).",
      },
    },
    en: {
      why: 'An unused privileged account keeps all its rights while nobody notices its use: a prime target for an attacker. PingCastle (P-Inactive) and Purple Knight (SI000038) rank it among the most serious risks.',
      fix: {
        ad: 'Remove the account from the privileged groups, then disable it: Remove-ADGroupMember -Identity "Domain Admins" -Members <login>; Disable-ADAccount -Identity <login>. In ADUC: "Member Of" tab > "Remove", then right-click > "Disable Account".',
        openldap:
          "Remove the account from the admin group, then lock it: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: cn=<admin-group>,ou=groups,<base>\\nchangetype: modify\\ndelete: member\\nmember: uid=<login>,ou=people,<base>'; then lock it (replace: pwdAccountLockedTime, value 000001010000Z).",
      },
    },
  },
  'H-INACTIVE-COMPUTER': {
    fr: {
      why: "Un ordinateur qui ne se connecte plus garde un compte machine valide dans l'annuaire : il peut être réutilisé par un attaquant et fausse l'inventaire. L'ANSSI (PingCastle S-C-Inactive, niveau 3) demande de nettoyer ces comptes.",
      fix: {
        ad: "Vérifier que la machine est bien retirée du parc, puis désactiver son compte : Disable-ADAccount -Identity '<ordinateur>$' (ou ADUC : clic droit > « Désactiver le compte »), et la déplacer dans une OU d'attente avant suppression.",
        openldap:
          "Supprimer l'entrée de la machine si elle existe dans l'annuaire : ldapdelete -H ldap://<serveur> -D <dn-admin> -W 'cn=<ordinateur>,ou=computers,<base>'",
      },
    },
    en: {
      why: 'A computer that no longer logs on keeps a valid machine account in the directory: an attacker can reuse it, and it skews the inventory. ANSSI (PingCastle S-C-Inactive, level 3) requires these accounts to be cleaned up.',
      fix: {
        ad: 'Check that the machine has left the fleet, then disable its account: Disable-ADAccount -Identity \'<computer>$\' (or ADUC: right-click > "Disable Account"), and move it to a holding OU before deleting it.',
        openldap: "Delete the machine's entry if the directory holds one: ldapdelete -H ldap://<server> -D <admin-dn> -W 'cn=<computer>,ou=computers,<base>'",
      },
    },
  },
  'H-PWD-NEVER-EXPIRES': {
    fr: {
      why: "Un mot de passe qui n'expire jamais peut rester des années le même : s'il a fuité, il ouvre encore la porte. L'ANSSI (PingCastle S-PwdNeverExpires, niveau 2) demande de réserver cette option aux comptes de service gérés (gMSA).",
      fix: {
        ad: "Décocher « Le mot de passe n'expire jamais » (ADUC > Propriétés > onglet « Compte »), ou : Set-ADUser -Identity <login> -PasswordNeverExpires $false. Pour un compte de service, préférer un compte de service géré (gMSA).",
        openldap:
          "Rattacher le compte à une politique ppolicy dont pwdMaxAge n'est pas 0 : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\nreplace: pwdPolicySubentry\\npwdPolicySubentry: cn=default,ou=policies,<base>'",
      },
    },
    en: {
      why: 'A password that never expires can stay the same for years: if it leaked, it still opens the door. ANSSI (PingCastle S-PwdNeverExpires, level 2) keeps this option for managed service accounts (gMSA).',
      fix: {
        ad: 'Clear "Password never expires" (ADUC > Properties > "Account" tab), or: Set-ADUser -Identity <login> -PasswordNeverExpires $false. For a service account, use a group managed service account (gMSA).',
        openldap:
          "Attach the account to a ppolicy whose pwdMaxAge is not 0: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\nreplace: pwdPolicySubentry\\npwdPolicySubentry: cn=default,ou=policies,<base>'",
      },
    },
  },
  'H-PRIV-NEVER-EXPIRES': {
    fr: {
      why: "Un compte administrateur dont le mot de passe n'expire jamais garde le même secret indéfiniment : une seule fuite donne la maîtrise du domaine. L'ANSSI (PingCastle P-ServiceDomainAdmin, niveau 1) le classe parmi les points critiques.",
      fix: {
        ad: "Activer l'expiration et changer le mot de passe : Set-ADUser -Identity <login> -PasswordNeverExpires $false ; Set-ADAccountPassword -Identity <login> -Reset. Un compte de service ne doit pas être administrateur du domaine : lui donner un gMSA avec les seuls droits utiles.",
        openldap:
          "Appliquer une politique ppolicy avec expiration au compte : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\nreplace: pwdPolicySubentry\\npwdPolicySubentry: cn=admins,ou=policies,<base>'",
      },
    },
    en: {
      why: 'An administrator account whose password never expires keeps the same secret forever: a single leak hands over the domain. ANSSI (PingCastle P-ServiceDomainAdmin, level 1) ranks it as critical.',
      fix: {
        ad: 'Turn expiry on and change the password: Set-ADUser -Identity <login> -PasswordNeverExpires $false; Set-ADAccountPassword -Identity <login> -Reset. A service account should not be a domain admin: give it a gMSA with only the rights it needs.',
        openldap:
          "Apply a ppolicy with expiry to the account: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\nreplace: pwdPolicySubentry\\npwdPolicySubentry: cn=admins,ou=policies,<base>'",
      },
    },
  },
  'H-PWD-NOT-REQUIRED': {
    fr: {
      why: "Avec l'option « mot de passe non requis » (PASSWD_NOTREQD), le compte peut avoir un mot de passe vide : n'importe qui peut alors s'y connecter. PingCastle (S-PwdNotRequired) le signale comme risque élevé.",
      fix: {
        ad: 'Retirer le drapeau et définir un mot de passe : Set-ADUser -Identity <login> -PasswordNotRequired $false ; Set-ADAccountPassword -Identity <login> -Reset.',
        openldap:
          "Vérifier que l'entrée a un userPassword et que la politique ppolicy impose pwdMinLength ; sinon définir un mot de passe : ldappasswd -H ldap://<serveur> -D <dn-admin> -W -S 'uid=<login>,ou=people,<base>'",
      },
    },
    en: {
      why: 'With "password not required" (PASSWD_NOTREQD) the account may have an empty password: anyone can then log on with it. PingCastle (S-PwdNotRequired) rates it high.',
      fix: {
        ad: 'Clear the flag and set a password: Set-ADUser -Identity <login> -PasswordNotRequired $false; Set-ADAccountPassword -Identity <login> -Reset.',
        openldap:
          "Check that the entry has a userPassword and that the ppolicy enforces pwdMinLength; otherwise set a password: ldappasswd -H ldap://<server> -D <admin-dn> -W -S 'uid=<login>,ou=people,<base>'",
      },
    },
  },
  'H-REVERSIBLE': {
    fr: {
      why: "Le chiffrement réversible stocke le mot de passe de façon récupérable en clair par quiconque lit la base de l'annuaire. L'ANSSI (PingCastle S-Reversible, niveau 3) demande de le désactiver.",
      fix: {
        ad: 'Décocher « Enregistrer le mot de passe en utilisant un chiffrement réversible » (ADUC > onglet « Compte »), ou : Set-ADUser -Identity <login> -AllowReversiblePasswordEncryption $false, puis faire changer le mot de passe pour effacer la copie réversible.',
        openldap:
          "Remplacer un userPassword en clair ou réversible par un hachage : ldappasswd -H ldap://<serveur> -D <dn-admin> -W -S 'uid=<login>,ou=people,<base>' (avec olcPasswordHash: {SSHA} ou {ARGON2} côté serveur).",
      },
    },
    en: {
      why: 'Reversible encryption stores the password so that anyone who reads the directory database can recover it in clear text. ANSSI (PingCastle S-Reversible, level 3) requires it off.',
      fix: {
        ad: 'Clear "Store password using reversible encryption" (ADUC > "Account" tab), or: Set-ADUser -Identity <login> -AllowReversiblePasswordEncryption $false, then have the password changed to erase the reversible copy.',
        openldap:
          "Replace a clear-text or reversible userPassword with a hash: ldappasswd -H ldap://<server> -D <admin-dn> -W -S 'uid=<login>,ou=people,<base>' (with olcPasswordHash: {SSHA} or {ARGON2} on the server).",
      },
    },
  },
  'H-ASREP': {
    fr: {
      why: "Sans pré-authentification Kerberos, n'importe qui peut demander un ticket pour ce compte et casser son mot de passe hors ligne (« AS-REP roasting »). L'ANSSI (PingCastle S-NoPreAuth, niveaux 2 et 1) le classe élevé, critique pour un compte privilégié.",
      fix: {
        ad: 'Décocher « Ne pas demander la pré-authentification Kerberos » (ADUC > onglet « Compte »), ou : Set-ADAccountControl -Identity <login> -DoesNotRequirePreAuth $false ; puis changer le mot de passe.',
        openldap: AD_ONLY_FR(
          "la pré-authentification Kerberos est un réglage d'Active Directory ; avec un KDC MIT ou Heimdal adossé à OpenLDAP, activer requires_preauth sur le principal (kadmin: modify_principal +requires_preauth <login>).",
        ),
      },
    },
    en: {
      why: 'Without Kerberos pre-authentication anyone can request a ticket for this account and crack its password offline ("AS-REP roasting"). ANSSI (PingCastle S-NoPreAuth, levels 2 and 1) rates it high, critical for a privileged account.',
      fix: {
        ad: 'Clear "Do not require Kerberos preauthentication" (ADUC > "Account" tab), or: Set-ADAccountControl -Identity <login> -DoesNotRequirePreAuth $false; then change the password.',
        openldap: AD_ONLY_EN(
          'Kerberos pre-authentication is an Active Directory setting; with an MIT or Heimdal KDC backed by OpenLDAP, set requires_preauth on the principal (kadmin: modify_principal +requires_preauth <login>).',
        ),
      },
    },
  },
  'H-DES': {
    fr: {
      why: "DES est un chiffrement cassé depuis longtemps : un ticket Kerberos chiffré en DES se déchiffre en quelques heures. L'ANSSI (PingCastle S-DesEnabled, niveau 2) demande de le désactiver.",
      fix: {
        ad: 'Décocher « Utiliser uniquement les types de chiffrement DES Kerberos pour ce compte » et imposer AES : Set-ADAccountControl -Identity <login> -UseDESKeyOnly $false ; Set-ADUser -Identity <login> -KerberosEncryptionType AES128,AES256 ; puis changer le mot de passe.',
        openldap: AD_ONLY_FR(
          'ce drapeau est propre à Active Directory ; sur un KDC adossé à OpenLDAP, retirer les enctypes des-* de supported_enctypes dans kdc.conf.',
        ),
      },
    },
    en: {
      why: 'DES has long been broken: a Kerberos ticket encrypted with DES is cracked within hours. ANSSI (PingCastle S-DesEnabled, level 2) requires it off.',
      fix: {
        ad: 'Clear "Use Kerberos DES encryption types for this account" and require AES: Set-ADAccountControl -Identity <login> -UseDESKeyOnly $false; Set-ADUser -Identity <login> -KerberosEncryptionType AES128,AES256; then change the password.',
        openldap: AD_ONLY_EN(
          'this flag is specific to Active Directory; on a KDC backed by OpenLDAP, remove the des-* enctypes from supported_enctypes in kdc.conf.',
        ),
      },
    },
  },
  'H-KERBEROAST-ADMIN': {
    fr: {
      why: "Tout utilisateur du domaine peut demander un ticket de service pour un compte qui porte un SPN et casser son mot de passe hors ligne (« Kerberoasting ») ; si ce compte est administrateur, le domaine tombe. L'ANSSI (PingCastle P-Kerberoasting, niveau 1) le classe critique.",
      fix: {
        ad: 'Retirer le compte des groupes privilégiés (Remove-ADGroupMember -Identity "Domain Admins" -Members <login>), ou retirer le SPN inutile (Set-ADUser -Identity <login> -ServicePrincipalNames @{Remove="<spn>"}) ; pour un service, passer à un gMSA, sinon un mot de passe long (25 caractères ou plus) changé régulièrement.',
        openldap: AD_ONLY_FR('les SPN et le Kerberoasting concernent Active Directory ; OpenLDAP seul ne délivre pas de tickets Kerberos.'),
      },
    },
    en: {
      why: 'Any domain user can request a service ticket for an account with an SPN and crack its password offline ("Kerberoasting"); if that account is an administrator, the domain falls. ANSSI (PingCastle P-Kerberoasting, level 1) rates it critical.',
      fix: {
        ad: 'Remove the account from the privileged groups (Remove-ADGroupMember -Identity "Domain Admins" -Members <login>), or remove the unneeded SPN (Set-ADUser -Identity <login> -ServicePrincipalNames @{Remove="<spn>"}); for a service, move to a gMSA, otherwise a long password (25 characters or more) changed regularly.',
        openldap: AD_ONLY_EN('SPNs and Kerberoasting concern Active Directory; OpenLDAP alone issues no Kerberos tickets.'),
      },
    },
  },
  'H-ADMIN-PWD-OLD': {
    fr: {
      why: "Plus un mot de passe d'administrateur est ancien, plus il a de chances d'avoir fuité ou d'être réutilisé ailleurs. L'ANSSI (PingCastle P-AdminPwdTooOld, niveau 1) demande de le changer au moins tous les 3 ans.",
      fix: {
        ad: 'Changer le mot de passe : ADUC > clic droit sur le compte > « Réinitialiser le mot de passe », ou : Set-ADAccountPassword -Identity <login> -Reset ; Set-ADUser -Identity <login> -ChangePasswordAtLogon $true.',
        openldap:
          "Changer le mot de passe : ldappasswd -H ldap://<serveur> -D <dn-admin> -W -S 'uid=<login>,ou=people,<base>' ; et imposer un pwdMaxAge dans la politique ppolicy des administrateurs.",
      },
    },
    en: {
      why: 'The older an administrator password, the likelier it has leaked or been reused elsewhere. ANSSI (PingCastle P-AdminPwdTooOld, level 1) requires it changed at least every 3 years.',
      fix: {
        ad: 'Change the password: ADUC > right-click the account > "Reset Password", or: Set-ADAccountPassword -Identity <login> -Reset; Set-ADUser -Identity <login> -ChangePasswordAtLogon $true.',
        openldap:
          "Change the password: ldappasswd -H ldap://<server> -D <admin-dn> -W -S 'uid=<login>,ou=people,<base>'; and set a pwdMaxAge in the administrators' ppolicy.",
      },
    },
  },
  'H-TOO-MANY-ADMINS': {
    fr: {
      why: "Chaque compte privilégié de plus est une occasion de plus de prendre le contrôle du domaine. L'ANSSI (PingCastle P-AdminNum, niveau 1) demande de limiter les administrateurs au strict nécessaire.",
      fix: {
        ad: 'Lister les membres (Get-ADGroupMember -Identity "Domain Admins" -Recursive), puis retirer ceux qui n\'en ont pas besoin : Remove-ADGroupMember -Identity "<groupe>" -Members <login>. Déléguer les tâches courantes par OU plutôt que donner Domain Admins.',
        openldap:
          "Retirer les membres inutiles du groupe d'administration : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: cn=<groupe-admin>,ou=groups,<base>\\nchangetype: modify\\ndelete: member\\nmember: uid=<login>,ou=people,<base>'",
      },
    },
    en: {
      why: 'Every extra privileged account is one more way to take over the domain. ANSSI (PingCastle P-AdminNum, level 1) requires administrators to be kept to the strict minimum.',
      fix: {
        ad: 'List the members (Get-ADGroupMember -Identity "Domain Admins" -Recursive), then remove those who do not need it: Remove-ADGroupMember -Identity "<group>" -Members <login>. Delegate everyday tasks per OU rather than grant Domain Admins.',
        openldap:
          "Remove the needless members from the admin group: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: cn=<admin-group>,ou=groups,<base>\\nchangetype: modify\\ndelete: member\\nmember: uid=<login>,ou=people,<base>'",
      },
    },
  },
  'H-ADMINCOUNT-MISMATCH': {
    fr: {
      why: "adminCount=1 sur un compte qui n'est plus administrateur bloque l'héritage de ses permissions (AdminSDHolder) : il garde des droits figés et échappe à la délégation normale. PingCastle (A-AdminSDHolder) le signale.",
      fix: {
        ad: "Remettre l'attribut à zéro et réactiver l'héritage : Set-ADUser -Identity <login> -Clear adminCount ; puis ADUC > Propriétés > « Sécurité » > « Avancé » > « Activer l'héritage ».",
        openldap: AD_ONLY_FR("adminCount et AdminSDHolder n'existent que dans Active Directory."),
      },
    },
    en: {
      why: 'adminCount=1 on an account that is no longer an administrator blocks the inheritance of its permissions (AdminSDHolder): it keeps frozen rights and escapes normal delegation. PingCastle (A-AdminSDHolder) reports it.',
      fix: {
        ad: 'Clear the attribute and turn inheritance back on: Set-ADUser -Identity <login> -Clear adminCount; then ADUC > Properties > "Security" > "Advanced" > "Enable inheritance".',
        openldap: AD_ONLY_EN('adminCount and AdminSDHolder exist only in Active Directory.'),
      },
    },
  },
  'H-ADMIN-DELEGABLE': {
    fr: {
      why: "Un compte privilégié délégable peut être usurpé par un serveur configuré en délégation : un serveur compromis obtient alors les droits de l'administrateur. PingCastle (P-Delegated) recommande de le protéger.",
      fix: {
        ad: 'Cocher « Le compte est sensible et ne peut pas être délégué » (ADUC > onglet « Compte »), ou : Set-ADAccountControl -Identity <login> -AccountNotDelegated $true ; mieux, l\'ajouter au groupe Protected Users : Add-ADGroupMember -Identity "Protected Users" -Members <login>.',
        openldap: AD_ONLY_FR('la délégation Kerberos est propre à Active Directory.'),
      },
    },
    en: {
      why: "A delegable privileged account can be impersonated by a server set up for delegation: a compromised server then gets the administrator's rights. PingCastle (P-Delegated) recommends protecting it.",
      fix: {
        ad: 'Tick "Account is sensitive and cannot be delegated" (ADUC > "Account" tab), or: Set-ADAccountControl -Identity <login> -AccountNotDelegated $true; better, add it to Protected Users: Add-ADGroupMember -Identity "Protected Users" -Members <login>.',
        openldap: AD_ONLY_EN('Kerberos delegation is specific to Active Directory.'),
      },
    },
  },
  'H-UNCONSTRAINED': {
    fr: {
      why: "Une machine en délégation non contrainte garde en mémoire les tickets de tous ceux qui s'y connectent, administrateurs compris : la compromettre, c'est récupérer leurs identités. L'ANSSI (PingCastle P-UnconstrainedDelegation, niveau 2) demande de la supprimer hors contrôleurs de domaine.",
      fix: {
        ad: "Passer en délégation contrainte (ADUC > Propriétés > onglet « Délégation » > « N'approuver cet ordinateur que pour la délégation aux services spécifiés »), ou retirer la délégation : Set-ADAccountControl -Identity '<ordinateur>$' -TrustedForDelegation $false.",
        openldap: AD_ONLY_FR('la délégation Kerberos est propre à Active Directory.'),
      },
    },
    en: {
      why: 'A machine with unconstrained delegation keeps the tickets of everyone who connects to it, administrators included: compromising it yields their identities. ANSSI (PingCastle P-UnconstrainedDelegation, level 2) requires it removed outside domain controllers.',
      fix: {
        ad: 'Switch to constrained delegation (ADUC > Properties > "Delegation" tab > "Trust this computer for delegation to specified services only"), or remove delegation: Set-ADAccountControl -Identity \'<computer>$\' -TrustedForDelegation $false.',
        openldap: AD_ONLY_EN('Kerberos delegation is specific to Active Directory.'),
      },
    },
  },
  'H-KRBTGT': {
    fr: {
      why: "Le mot de passe du compte krbtgt signe tous les tickets Kerberos du domaine : tant qu'il ne change pas, un attaquant qui l'a volé peut forger des « golden tickets ». L'ANSSI (PingCastle A-Krbtgt, niveau 2) demande de le changer au moins une fois par an.",
      fix: {
        ad: "Changer le mot de passe de krbtgt deux fois, à au moins 10 heures d'intervalle (durée de vie des tickets), avec le script New-KrbtgtKeys.ps1 de Microsoft, ou : Set-ADAccountPassword -Identity krbtgt -Reset -NewPassword (Read-Host -AsSecureString), en attendant la réplication entre les deux changements.",
        openldap: AD_ONLY_FR("le compte krbtgt n'existe que dans Active Directory."),
      },
    },
    en: {
      why: 'The krbtgt password signs every Kerberos ticket of the domain: as long as it does not change, an attacker who stole it can forge "golden tickets". ANSSI (PingCastle A-Krbtgt, level 2) requires it changed at least once a year.',
      fix: {
        ad: "Change the krbtgt password twice, at least 10 hours apart (the ticket lifetime), with Microsoft's New-KrbtgtKeys.ps1 script, or: Set-ADAccountPassword -Identity krbtgt -Reset -NewPassword (Read-Host -AsSecureString), letting replication finish between the two changes.",
        openldap: AD_ONLY_EN('the krbtgt account exists only in Active Directory.'),
      },
    },
  },
  'H-SCHEMA-ADMINS': {
    fr: {
      why: 'Le groupe Schema Admins peut modifier le schéma de toute la forêt, de façon irréversible ; il ne sert que pendant une mise à jour du schéma et doit rester vide le reste du temps. PingCastle (P-SchemaAdmin) le signale.',
      fix: {
        ad: 'Vider le groupe : Get-ADGroupMember -Identity "Schema Admins" | ForEach-Object { Remove-ADGroupMember -Identity "Schema Admins" -Members $_ -Confirm:$false } ; n\'y ajouter un compte que le temps d\'une extension de schéma.',
        openldap: AD_ONLY_FR(
          "le groupe Schema Admins n'existe que dans Active Directory ; sur OpenLDAP, limiter l'écriture de cn=config aux seuls administrateurs (olcAccess).",
        ),
      },
    },
    en: {
      why: 'Schema Admins can change the schema of the whole forest, irreversibly; it is needed only during a schema update and should stay empty otherwise. PingCastle (P-SchemaAdmin) reports it.',
      fix: {
        ad: 'Empty the group: Get-ADGroupMember -Identity "Schema Admins" | ForEach-Object { Remove-ADGroupMember -Identity "Schema Admins" -Members $_ -Confirm:$false }; add an account only for the time of a schema extension.',
        openldap: AD_ONLY_EN('Schema Admins exists only in Active Directory; on OpenLDAP, restrict writes to cn=config to the administrators (olcAccess).'),
      },
    },
  },
  'H-OPERATORS': {
    fr: {
      why: "Les groupes Account, Server, Backup et Print Operators donnent des droits proches de l'administration du domaine (ouverture de session sur les contrôleurs, sauvegarde de la base) et sont mal surveillés. PingCastle (P-OperatorsEmpty) recommande de les laisser vides.",
      fix: {
        ad: 'Retirer les membres : Remove-ADGroupMember -Identity "Backup Operators" -Members <login> (idem pour Account, Server et Print Operators), et déléguer les tâches nécessaires par des droits ciblés sur une OU.',
        openldap: AD_ONLY_FR("ces groupes intégrés n'existent que dans Active Directory."),
      },
    },
    en: {
      why: 'Account, Server, Backup and Print Operators grant rights close to domain administration (logon to domain controllers, backup of the database) and are poorly watched. PingCastle (P-OperatorsEmpty) recommends keeping them empty.',
      fix: {
        ad: 'Remove the members: Remove-ADGroupMember -Identity "Backup Operators" -Members <login> (likewise for Account, Server and Print Operators), and delegate the needed tasks with targeted rights on an OU.',
        openldap: AD_ONLY_EN('these built-in groups exist only in Active Directory.'),
      },
    },
  },
  'H-GUEST': {
    fr: {
      why: "Le compte Invité, activé, permet d'accéder au réseau sans identité connue ni mot de passe personnel. PingCastle (A-Guest) le classe en risque élevé.",
      fix: {
        ad: 'Désactiver le compte : Disable-ADAccount -Identity Guest (ADUC > Users > Invité > clic droit > « Désactiver le compte »).',
        openldap: AD_ONLY_FR(
          "le compte Invité intégré n'existe que dans Active Directory ; sur OpenLDAP, vérifier que l'accès anonyme est refusé (olcDisallows: bind_anon).",
        ),
      },
    },
    en: {
      why: 'An enabled Guest account lets someone reach the network with no known identity and no personal password. PingCastle (A-Guest) rates it high.',
      fix: {
        ad: 'Disable the account: Disable-ADAccount -Identity Guest (ADUC > Users > Guest > right-click > "Disable Account").',
        openldap: AD_ONLY_EN(
          'the built-in Guest account exists only in Active Directory; on OpenLDAP, check that anonymous access is refused (olcDisallows: bind_anon).',
        ),
      },
    },
  },
  'H-PRIMARYGROUP': {
    fr: {
      why: "Le groupe principal n'apparaît pas dans l'attribut member du groupe : un groupe principal inhabituel cache une appartenance, parfois à un groupe privilégié. L'ANSSI (PingCastle S-PrimaryGroup, niveau 3) demande de remettre la valeur par défaut.",
      fix: {
        ad: 'Remettre Domain Users (513) comme groupe principal : Set-ADUser -Identity <login> -Replace @{primaryGroupID=513}, le compte étant au préalable membre de Domain Users (Domain Computers, 515, pour un ordinateur) ; ou ADUC > onglet « Membre de » > « Définir le groupe principal ».',
        openldap:
          "Remettre le gidNumber du groupe par défaut : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\nreplace: gidNumber\\ngidNumber: <gid-par-défaut>'",
      },
    },
    en: {
      why: "The primary group does not appear in the group's member attribute: an unusual primary group hides a membership, sometimes in a privileged group. ANSSI (PingCastle S-PrimaryGroup, level 3) requires the default value back.",
      fix: {
        ad: 'Set Domain Users (513) back as the primary group: Set-ADUser -Identity <login> -Replace @{primaryGroupID=513}, once the account is a member of Domain Users (Domain Computers, 515, for a computer); or ADUC > "Member Of" tab > "Set Primary Group".',
        openldap:
          "Set the default group's gidNumber back: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\nreplace: gidNumber\\ngidNumber: <default-gid>'",
      },
    },
  },
  'H-SIDHISTORY': {
    fr: {
      why: "sIDHistory donne au compte les droits d'un autre SID, souvent hérité d'une ancienne migration ; un attaquant peut s'en servir pour cacher des droits d'administrateur. L'ANSSI (PingCastle S-SIDHistory, niveau 3) demande de le vider une fois la migration finie.",
      fix: {
        ad: "Vérifier que les ressources ont été ré-autorisées avec le nouveau SID, puis vider l'attribut : Set-ADUser -Identity <login> -Remove @{sIDHistory='<sid>'}.",
        openldap: AD_ONLY_FR("sIDHistory n'existe que dans Active Directory."),
      },
    },
    en: {
      why: 'sIDHistory gives the account the rights of another SID, often left over from an old migration; an attacker can use it to hide administrator rights. ANSSI (PingCastle S-SIDHistory, level 3) requires it cleared once the migration is over.',
      fix: {
        ad: "Check that the resources have been granted to the new SID, then clear the attribute: Set-ADUser -Identity <login> -Remove @{sIDHistory='<sid>'}.",
        openldap: AD_ONLY_EN('sIDHistory exists only in Active Directory.'),
      },
    },
  },
  'H-OBSOLETE-OS': {
    fr: {
      why: 'Un système qui ne reçoit plus de correctifs de sécurité garde des failles connues et exploitées. PingCastle (S-OS-*) demande de retirer ces machines ou de les isoler.',
      fix: {
        ad: "Mettre à niveau ou remplacer la machine ; en attendant, l'isoler du réseau et désactiver son compte quand elle est retirée : Disable-ADAccount -Identity '<ordinateur>$'.",
        openldap:
          "Mettre à niveau ou retirer la machine, puis supprimer son entrée : ldapdelete -H ldap://<serveur> -D <dn-admin> -W 'cn=<ordinateur>,ou=computers,<base>'",
      },
    },
    en: {
      why: 'A system that no longer receives security updates keeps known, exploited flaws. PingCastle (S-OS-*) requires these machines retired or isolated.',
      fix: {
        ad: "Upgrade or replace the machine; meanwhile isolate it from the network, and disable its account once it is retired: Disable-ADAccount -Identity '<computer>$'.",
        openldap: "Upgrade or retire the machine, then delete its entry: ldapdelete -H ldap://<server> -D <admin-dn> -W 'cn=<computer>,ou=computers,<base>'",
      },
    },
  },
  'H-LAPS': {
    fr: {
      why: "Sans LAPS, le mot de passe de l'administrateur local est souvent le même sur tous les postes : compromettre un poste permet de rebondir sur tous les autres. PingCastle (LAPS) recommande un mot de passe local unique et renouvelé par machine.",
      fix: {
        ad: 'Déployer Windows LAPS par GPO (Configuration ordinateur > Modèles d\'administration > Système > LAPS), donner aux machines le droit d\'écrire leur mot de passe : Set-LapsADComputerSelfPermission -Identity "<OU>", puis vérifier : Get-LapsADPassword -Identity <ordinateur>.',
        openldap: AD_ONLY_FR(
          'LAPS stocke le mot de passe local dans Active Directory ; sur des machines Linux, utiliser un outil de rotation des mots de passe locaux.',
        ),
      },
    },
    en: {
      why: 'Without LAPS the local administrator password is often the same on every machine: compromising one lets an attacker move to all the others. PingCastle (LAPS) recommends a unique, rotated local password per machine.',
      fix: {
        ad: 'Deploy Windows LAPS by GPO (Computer Configuration > Administrative Templates > System > LAPS), let the machines write their password: Set-LapsADComputerSelfPermission -Identity "<OU>", then check: Get-LapsADPassword -Identity <computer>.',
        openldap: AD_ONLY_EN('LAPS stores the local password in Active Directory; on Linux machines, use a local password rotation tool.'),
      },
    },
  },
  'H-COMPUTER-PWD-AGE': {
    fr: {
      why: "Une machine change normalement son mot de passe tous les 30 jours ; un mot de passe plus vieux que 90 jours signale une machine hors service ou un compte volé et réutilisé. L'ANSSI (PingCastle S-PwdLastSet-90, niveau 2) le signale.",
      fix: {
        ad: "Sur la machine, relancer le changement : Test-ComputerSecureChannel -Repair (ou Reset-ComputerMachinePassword) ; si la machine n'existe plus, désactiver son compte : Disable-ADAccount -Identity '<ordinateur>$'.",
        openldap: AD_ONLY_FR('le mot de passe de compte machine est propre à Active Directory (ou à Samba en mode contrôleur de domaine).'),
      },
    },
    en: {
      why: 'A machine normally changes its password every 30 days; one older than 90 days means a machine out of service or a stolen account being reused. ANSSI (PingCastle S-PwdLastSet-90, level 2) reports it.',
      fix: {
        ad: "On the machine, force the change: Test-ComputerSecureChannel -Repair (or Reset-ComputerMachinePassword); if the machine is gone, disable its account: Disable-ADAccount -Identity '<computer>$'.",
        openldap: AD_ONLY_EN('the machine account password is specific to Active Directory (or Samba acting as a domain controller).'),
      },
    },
  },
  'H-PWD-IN-DESCRIPTION': {
    fr: {
      why: "Les champs description et info sont lisibles par tous les utilisateurs du domaine : un mot de passe écrit là est connu de tous. C'est un défaut classique que les laboratoires d'attaque (BadBlood, GOAD) reproduisent exprès.",
      fix: {
        ad: 'Effacer le champ : Set-ADUser -Identity <login> -Clear description,info (ou ADUC > onglet « Général »), puis changer le mot de passe, considéré comme divulgué : Set-ADAccountPassword -Identity <login> -Reset.',
        openldap:
          "Effacer l'attribut puis changer le mot de passe : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\ndelete: description' ; ldappasswd -H ldap://<serveur> -D <dn-admin> -W -S 'uid=<login>,ou=people,<base>'",
      },
    },
    en: {
      why: 'The description and info fields are readable by every domain user: a password written there is known to all. It is a classic flaw that attack labs (BadBlood, GOAD) plant on purpose.',
      fix: {
        ad: 'Clear the field: Set-ADUser -Identity <login> -Clear description,info (or ADUC > "General" tab), then change the password, which must be treated as disclosed: Set-ADAccountPassword -Identity <login> -Reset.',
        openldap:
          "Delete the attribute, then change the password: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\ndelete: description'; ldappasswd -H ldap://<server> -D <admin-dn> -W -S 'uid=<login>,ou=people,<base>'",
      },
    },
  },
  'H-PWD-SPRAY': {
    fr: {
      why: "Beaucoup de comptes qui échouent leur mot de passe dans un court intervalle signalent une attaque par pulvérisation : un mot de passe courant essayé sur tous les comptes (MITRE ATT&CK T1110.003). Le référentiel CQPM demande d'alerter aussitôt le responsable de la sécurité.",
      fix: {
        ad: "Identifier la source dans les journaux des contrôleurs (événements 4625 et 4771), bloquer l'adresse, et faire changer le mot de passe des comptes touchés : Set-ADUser -Identity <login> -ChangePasswordAtLogon $true. Renforcer la politique de verrouillage (Set-ADDefaultDomainPasswordPolicy -Identity <domaine> -LockoutThreshold 10).",
        openldap:
          "Identifier la source dans les journaux de slapd, bloquer l'adresse, et renforcer la politique ppolicy : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: cn=default,ou=policies,<base>\\nchangetype: modify\\nreplace: pwdMaxFailure\\npwdMaxFailure: 10'",
      },
    },
    en: {
      why: 'Many accounts failing their password within a short window signal a spraying attack: one common password tried on every account (MITRE ATT&CK T1110.003). The CQPM standard requires the security officer to be alerted at once.',
      fix: {
        ad: "Find the source in the domain controllers' logs (events 4625 and 4771), block the address, and have the affected accounts change their password: Set-ADUser -Identity <login> -ChangePasswordAtLogon $true. Tighten the lockout policy (Set-ADDefaultDomainPasswordPolicy -Identity <domain> -LockoutThreshold 10).",
        openldap:
          "Find the source in slapd's logs, block the address, and tighten the ppolicy: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: cn=default,ou=policies,<base>\\nchangetype: modify\\nreplace: pwdMaxFailure\\npwdMaxFailure: 10'",
      },
    },
  },
  'H-ADMIN-LOCKOUT': {
    fr: {
      why: "Un compte privilégié verrouillé signale souvent une tentative de deviner son mot de passe (MITRE ATT&CK T1110) ; c'est aussi un administrateur qui ne peut plus intervenir.",
      fix: {
        ad: 'Joindre le titulaire : si le verrouillage ne vient pas de lui, chercher la source (événement 4740 sur le contrôleur PDC), changer le mot de passe (Set-ADAccountPassword -Identity <login> -Reset), puis déverrouiller : Unlock-ADAccount -Identity <login>.',
        openldap:
          "Après vérification, déverrouiller le compte : ldapmodify -H ldap://<serveur> -D <dn-admin> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\ndelete: pwdAccountLockedTime'",
      },
    },
    en: {
      why: 'A locked-out privileged account often signals an attempt to guess its password (MITRE ATT&CK T1110); it is also an administrator who can no longer act.',
      fix: {
        ad: 'Reach the holder: if the lockout is not theirs, find the source (event 4740 on the PDC emulator), change the password (Set-ADAccountPassword -Identity <login> -Reset), then unlock: Unlock-ADAccount -Identity <login>.',
        openldap:
          "Once checked, unlock the account: ldapmodify -H ldap://<server> -D <admin-dn> -W <<< $'dn: uid=<login>,ou=people,<base>\\nchangetype: modify\\ndelete: pwdAccountLockedTime'",
      },
    },
  },
  'H-REPEATED-LOCKOUT': {
    fr: {
      why: 'Un compte verrouillé encore et encore subit soit une attaque qui devine son mot de passe (MITRE ATT&CK T1110.001), soit un ancien mot de passe resté enregistré sur un poste ou un téléphone.',
      fix: {
        ad: "Trouver la machine source (événement 4740 sur le contrôleur PDC, champ « Nom de l'ordinateur appelant »), y retirer l'ancien mot de passe enregistré ou bloquer l'attaque, puis : Unlock-ADAccount -Identity <login>.",
        openldap:
          'Trouver la source dans les journaux de slapd (binds refusés pour uid=<login>), la corriger, puis supprimer pwdAccountLockedTime et pwdFailureTime avec ldapmodify (changetype: modify, delete: pwdAccountLockedTime).',
      },
    },
    en: {
      why: 'An account locked out again and again is either under a password-guessing attack (MITRE ATT&CK T1110.001) or has an old password saved on a computer or phone.',
      fix: {
        ad: 'Find the source machine (event 4740 on the PDC emulator, "Caller Computer Name"), remove the saved old password there or block the attack, then: Unlock-ADAccount -Identity <login>.',
        openldap:
          "Find the source in slapd's logs (refused binds for uid=<login>), fix it, then remove pwdAccountLockedTime and pwdFailureTime with ldapmodify (changetype: modify, delete: pwdAccountLockedTime).",
      },
    },
  },
};
