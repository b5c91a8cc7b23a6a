import * as z from 'zod';
import { ROSTER_COLUMNS } from '#vigie/hr';

const cron = z.string().regex(/^(\S+\s+){4,5}\S+$/, 'expected a cron expression of 5 or 6 fields, e.g. "0 2 * * *"');

const ldapDirectory = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and dashes, e.g. "corp-ad"'),
    kind: z.enum(['ldap', 'ad']),
    url: z.string().regex(/^ldaps?:\/\/[^\s]+$/, 'expected an ldap:// or ldaps:// URL, e.g. "ldaps://dc01.corp.example:636"'),
    baseDn: z.string().min(1, 'expected the base DN to read from, e.g. "DC=corp,DC=example"'),
    bindDn: z.string().optional(),
    /** Filled from bindPasswordEnv or bindPasswordFile at load time; never written in the YAML itself. */
    bindPassword: z.string().optional(),
    bindPasswordEnv: z.string().optional(),
    bindPasswordFile: z.string().optional(),
    startTls: z.boolean().default(false),
    caFile: z.string().optional(),
    pageSize: z.number().int().min(1).max(10000).default(1000),
    timeoutMs: z.number().int().min(100).default(10000),
    /** OpenLDAP: how often an incremental sync also compares every entry identifier, to see deletions. */
    reconcileIntervalMinutes: z.number().int().min(1).default(60),
    /**
     * OpenLDAP: the DN of the default password policy (ppolicy's olcPPolicyDefault), for accounts without
     * pwdPolicySubentry. Read from cn=config when the bind account may read it; this setting wins.
     */
    passwordPolicyDn: z.string().min(1).optional(),
  })
  .strict();

const ldifDirectory = z
  .object({
    name: ldapDirectory.shape.name,
    kind: z.literal('ldif'),
    file: z.string().min(1, 'expected the path of an LDIF export'),
  })
  .strict();

const retentionKind = z
  .object({
    /** How long entries of this kind are kept before `vigie audit-log prune` removes them. */
    days: z.number().int().min(1, 'expected at least 1 day').max(3650, 'expected at most 3650 days (10 years)'),
    /** Why a period beyond one year is needed (CNIL: up to 3 years only where documented). */
    justification: z.string().min(1).optional(),
  })
  .strict();

const DEFAULT_RETENTION = { access: { days: 365 }, change: { days: 365 }, operation: { days: 365 } };
/** Where checkpoints are published outside the database by default (one JSON line each). */
export const DEFAULT_TRAIL_PUBLISH_FILE = '.vigie/trail-checkpoints.jsonl';
const DEFAULT_PUBLISH = { file: DEFAULT_TRAIL_PUBLISH_FILE };

/** A list given as one comma-separated environment variable, or as a YAML list. */
const commaList = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : v;

const publicKey = z
  .string()
  .trim()
  .refine(
    (v) => /^[A-Za-z0-9+/]{43}=$/.test(v) || /^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----$/.test(v),
    'expected an Ed25519 public key: the base64 of its 32 raw bytes (the "publicKey" of a checkpoint, printed by `vigie audit-log keygen`) or its PEM',
  );

const publish = z
  .object({
    /** Append-only file of published checkpoints (JSON lines); `false` (or "off" in VIGIE_TRAIL_PUBLISH_FILE) turns it off. */
    file: z.preprocess((v) => (v === 'off' || v === 'false' ? false : v), z.union([z.string().min(1), z.literal(false)])).default(DEFAULT_TRAIL_PUBLISH_FILE),
    /** Another system that receives each checkpoint as it is signed (POST of the JSON line). */
    webhook: z
      .object({
        url: z.string().regex(/^https?:\/\/\S+$/, 'expected an http:// or https:// URL'),
        /** Sent as a bearer token; from VIGIE_TRAIL_PUBLISH_WEBHOOK_TOKEN, never the YAML. */
        token: z.string().optional(),
        timeoutMs: z.number().int().min(100).default(5000),
      })
      .strict()
      .optional(),
  })
  .strict();

const trail = z
  .object({
    /** Ed25519 private key (PEM, or base64 of the PKCS#8 DER) that signs checkpoints; from VIGIE_TRAIL_SIGNING_KEY, never the YAML. */
    signingKey: z.string().optional(),
    /** File of the signing key; when neither is set, .vigie/keys/trail-signing.pem (created on first start). */
    signingKeyFile: z.string().optional(),
    /** HMAC key (at least 32 bytes, base64 or hex) that turns people into pseudonyms in the chain; from VIGIE_TRAIL_PSEUDONYM_KEY. */
    pseudonymKey: z.string().optional(),
    pseudonymKeyFile: z.string().optional(),
    /** When the worker signs the heads of the trail into checkpoints (every process also does after each use case that wrote entries). */
    checkpointCron: cron.default('*/15 * * * *'),
    /** Public keys verify trusts checkpoints and signed records under; the process's own signing key when empty. */
    pinnedPublicKeys: z.preprocess(commaList, z.array(publicKey)).default([]),
    /** Where checkpoints are published outside the database as they are signed. */
    publish: publish.default(DEFAULT_PUBLISH),
    /** When the worker removes entries past their retention (through the one pruning path). */
    pruneCron: cron.default('30 3 * * *'),
    retention: z
      .object({
        access: retentionKind.default(DEFAULT_RETENTION.access),
        change: retentionKind.default(DEFAULT_RETENTION.change),
        operation: retentionKind.default(DEFAULT_RETENTION.operation),
      })
      .strict()
      .default(DEFAULT_RETENTION),
  })
  .strict()
  .default({ checkpointCron: '*/15 * * * *', pruneCron: '30 3 * * *', retention: DEFAULT_RETENTION, pinnedPublicKeys: [], publish: DEFAULT_PUBLISH });

const roleName = z.enum(['admin', 'security-officer', 'approver', 'auditor', 'employee']);

/** One line of the role mapping: members of a directory group, or holders of a value of the OIDC claim, get these roles. */
const roleMapping = z.union([
  z.object({ group: z.string().min(1, 'expected a group DN, e.g. "CN=Vigie Admins,OU=Groups,DC=corp,DC=example"'), roles: z.array(roleName).min(1) }).strict(),
  z.object({ claim: z.string().min(1, 'expected a value of the OIDC groups or roles claim'), roles: z.array(roleName).min(1) }).strict(),
]);

const DEFAULT_SESSION = { idleMinutes: 30, absoluteHours: 10, secureCookie: true, roleRefreshSeconds: 0 };
const DEFAULT_ATTEMPTS = {
  windowMinutes: 15,
  accountDelayAfter: 3,
  accountLockoutAfter: 10,
  sourceLockoutAfter: 50,
  lockoutMinutes: 15,
  burstAlertPerMinute: 20,
};

const auth = z
  .object({
    /** Web sessions (HTTP-only cookie): timeouts, and how often the roles are read again from the directory. */
    session: z
      .object({
        /** A session unused this long ends. */
        idleMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(DEFAULT_SESSION.idleMinutes),
        /** A session ends this long after sign-in, used or not. */
        absoluteHours: z
          .number()
          .int()
          .min(1)
          .max(7 * 24)
          .default(DEFAULT_SESSION.absoluteHours),
        /** The cookie is sent over HTTPS only; false only for a demo on http://localhost. */
        secureCookie: z.boolean().default(DEFAULT_SESSION.secureCookie),
        /** The person's account and groups are read again at most this often; 0: at every request. */
        roleRefreshSeconds: z.number().int().min(0).max(3600).default(DEFAULT_SESSION.roleRefreshSeconds),
      })
      .strict()
      .default(DEFAULT_SESSION),
    /** Sign-in with a directory account: a bind as the person, over LDAPS or StartTLS, to one configured ldap or ad directory. */
    directory: z
      .object({
        /** The name of a configured directory of kind ldap or ad (its URL, TLS settings and service account are used). */
        directory: z.string().min(1),
        /** The attribute the login is matched with; sAMAccountName on AD, uid on OpenLDAP by default. */
        loginAttribute: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'expected an attribute name, e.g. "uid" or "sAMAccountName"')
          .optional(),
      })
      .strict()
      .optional(),
    /** Sign-in through an OpenID Connect provider (Entra ID, Keycloak...). */
    oidc: z
      .object({
        issuer: z.string().regex(/^https?:\/\/\S+$/, 'expected the issuer URL, e.g. "https://login.microsoftonline.com/<tenant>/v2.0"'),
        clientId: z.string().min(1),
        /** From VIGIE_AUTH_OIDC_CLIENT_SECRET, never the YAML. */
        clientSecret: z.string().optional(),
        /** Where the provider sends the browser back; by default http.publicUrl + /api/auth/oidc/callback. */
        redirectUri: z
          .string()
          .regex(/^https?:\/\/\S+$/, 'expected an http:// or https:// URL')
          .optional(),
        scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
        /** The claim whose values are mapped to roles (auth.roles[].claim). */
        claim: z.string().min(1).default('groups'),
      })
      .strict()
      .optional(),
    /** Directory groups and OIDC claim values → Vigie roles; re-read at each sign-in and session refresh. */
    roles: z.array(roleMapping).default([]),
    /** Roles everyone who signs in gets besides the mapped ones (e.g. [employee]); none by default. */
    defaultRoles: z.array(roleName).default([]),
    /** A local administrator for when the directory is down: off by default; each use alerts the security officer. */
    breakGlass: z
      .object({
        enabled: z.boolean().default(false),
        login: z.string().min(1).default('vigie-break-glass'),
        /** The argon2id hash of its password (`vigie auth hash-password`), from VIGIE_AUTH_BREAK_GLASS_HASH or a file. */
        passwordHash: z.string().optional(),
        passwordHashFile: z.string().optional(),
      })
      .strict()
      .default({ enabled: false, login: 'vigie-break-glass' }),
    /** Failed sign-ins and tokens: counted per source and account on PostgreSQL, across replicas. */
    attempts: z
      .object({
        /** The window failures are counted in, and the trail summarises them by. */
        windowMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(DEFAULT_ATTEMPTS.windowMinutes),
        /** Failures of one account after which each further attempt must wait (growing delay). */
        accountDelayAfter: z.number().int().min(1).default(DEFAULT_ATTEMPTS.accountDelayAfter),
        /** Failures of one account in the window that lock it out of Vigie (not out of the directory). */
        accountLockoutAfter: z.number().int().min(1).default(DEFAULT_ATTEMPTS.accountLockoutAfter),
        /** Failures from one source address in the window that lock the source out. */
        sourceLockoutAfter: z.number().int().min(1).default(DEFAULT_ATTEMPTS.sourceLockoutAfter),
        lockoutMinutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(DEFAULT_ATTEMPTS.lockoutMinutes),
        /** Failures in one minute (all sources) that alert the security officer at once. */
        burstAlertPerMinute: z.number().int().min(1).default(DEFAULT_ATTEMPTS.burstAlertPerMinute),
      })
      .strict()
      .default(DEFAULT_ATTEMPTS),
  })
  .strict()
  .default({ session: DEFAULT_SESSION, roles: [], defaultRoles: [], breakGlass: { enabled: false, login: 'vigie-break-glass' }, attempts: DEFAULT_ATTEMPTS });

export const directoryConfigSchema = z.discriminatedUnion('kind', [ldapDirectory, ldifDirectory]);

export const configSchema = z
  .object({
    http: z
      .object({
        host: z.string().default('0.0.0.0'),
        port: z.number().int().min(1).max(65535).default(3000),
        publicUrl: z.string().url().optional(),
        /**
         * The reverse proxies in front of Vigie, whose X-Forwarded-For is believed (Express's "trust proxy"): addresses,
         * subnets, or loopback, linklocal, uniquelocal, comma-separated. Unset: the caller's address is the socket's;
         * behind a proxy every caller would then be the proxy, and one locked-out source everyone (auth.attempts).
         */
        trustProxy: z
          .string()
          .refine(
            (v) => v.split(',').every((p) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F:.]+(\/\d{1,3})?)$/.test(p.trim())),
            'expected addresses or subnets of the proxies (10.0.0.5, 10.0.0.0/8), or loopback, linklocal, uniquelocal, comma-separated',
          )
          .optional(),
      })
      .strict()
      .default({ host: '0.0.0.0', port: 3000 }),
    database: z
      .object({
        /** postgres://… ; when absent Vigie runs on an embedded PostgreSQL (PGlite) in dataDir. */
        url: z
          .string()
          .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
          .optional(),
        dataDir: z.string().default('.vigie/data'),
        /** Per process and pool. A sync holds its lock's connection, its transaction's and the trail's at once. */
        poolSize: z
          .number()
          .int()
          .min(4, 'expected at least 4: a sync holds a connection for its lock, one for its transaction and one for the trail at once')
          .max(100)
          .default(10),
      })
      .strict()
      .default({ dataDir: '.vigie/data', poolSize: 10 }),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .strict()
      .default({ level: 'info' }),
    policy: z
      .object({
        dir: z.string().default('policies'),
        /**
         * When the policy directory becomes invalid, audit with the last valid policy stored in the database (and record
         * the error) rather than fail. An audit given --policies on the command line never falls back.
         */
        keepLastValid: z.boolean().default(true),
      })
      .strict()
      .default({ dir: 'policies', keepLastValid: true }),
    hr: z
      .object({
        /** An HR roster export (CSV or JSON) until the HR feed exists; G-LEAVER, G-ORPHAN and G-MOVER read it. */
        rosterFile: z.string().optional(),
        /**
         * Roster field → the export's column header, for columns named neither as Vigie names them nor by a usual alias
         * (givenName, familyName, email...): `{ mail: Adresse électronique, employeeId: Matricule RH }`.
         */
        columns: z.partialRecord(z.enum(ROSTER_COLUMNS), z.string().min(1)).optional(),
        /** Columns of the export Vigie does not read (salary, phone...): any other unknown column is refused. */
        ignoreColumns: z.array(z.string().min(1)).optional(),
        /**
         * The ldap or ad directory where joiners' accounts are created and HR events act (issue 17). Without it, HR
         * events are refused (the webhook answers 503 and says to set it).
         */
        directory: z.string().min(1).optional(),
        /**
         * How a joiner's login is built from their names (accents removed, particles, spaces, hyphens and apostrophes
         * dropped, lower case): {first} {last} the whole names, {f} {l} their first letters. A login taken gets 2, 3...
         */
        loginPattern: z
          .string()
          .regex(/\{(first|last|f|l)\}/, 'expected a pattern naming {first}, {last}, {f} or {l}, e.g. "{first}.{last}" or "{f}{last}"')
          .default('{first}.{last}'),
        /** The longest login (AD's sAMAccountName holds 20 characters). */
        loginMaxLength: z.number().int().min(3).max(64).default(20),
        /** The domain of the mail address given to a joiner whose event carries none (mail = login@domain); none when absent. */
        mailDomain: z
          .string()
          .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'expected a DNS domain, e.g. "acme.fr"')
          .optional(),
        /** POST /api/hr/events: signed with HMAC-SHA256 by a secret shared with the HR system, that opens nothing else. */
        webhook: z
          .object({
            /** The environment variable holding the signing secret (at least 32 characters). */
            secretEnv: z.string().min(1).default('VIGIE_HR_WEBHOOK_SECRET'),
            /** Filled from secretEnv at load time; never written in the YAML itself. */
            secret: z.string().optional(),
            /** A signature whose timestamp is further from now than this is refused (replays). */
            toleranceSeconds: z.number().int().min(30).max(3600).default(300),
            /** A larger body is refused with 413 before it is parsed. */
            maxBodyBytes: z.number().int().min(1024).max(10_485_760).default(65_536),
          })
          .strict()
          .default({ secretEnv: 'VIGIE_HR_WEBHOOK_SECRET', toleranceSeconds: 300, maxBodyBytes: 65_536 }),
        /** SCIM 2.0 inbound (/scim/v2): a bearer token of its own, that opens nothing else. */
        scim: z
          .object({
            /** The environment variable holding the SCIM bearer token (at least 32 characters). */
            tokenEnv: z.string().min(1).default('VIGIE_SCIM_TOKEN'),
            /** Filled from tokenEnv at load time; never written in the YAML itself. */
            token: z.string().optional(),
          })
          .strict()
          .default({ tokenEnv: 'VIGIE_SCIM_TOKEN' }),
        /**
         * BambooHR (docs/hr-bamboohr.md): its webhooks at POST /api/hr/bamboohr, signed with the webhook's private key
         * (which opens nothing else), and its API, asked for the person's data when a webhook carries only an employee id.
         * Absent: the route answers 503 and notifications from BambooHR cannot be completed.
         */
        bamboohr: z
          .object({
            /** The company's BambooHR subdomain: acme for acme.bamboohr.com. */
            companyDomain: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/i, 'expected the BambooHR subdomain, e.g. "acme" for acme.bamboohr.com'),
            /** The environment variable holding the API key (its user must be allowed to read the employee fields). */
            apiKeyEnv: z.string().min(1).default('VIGIE_BAMBOOHR_API_KEY'),
            /** Filled from apiKeyEnv at load time; never written in the YAML itself. */
            apiKey: z.string().optional(),
            /** The environment variable holding the webhook's private key (BambooHR: Webhooks → the webhook → Private Key). */
            webhookKeyEnv: z.string().min(1).default('VIGIE_BAMBOOHR_WEBHOOK_KEY'),
            /** Filled from webhookKeyEnv at load time; never written in the YAML itself. */
            webhookKey: z.string().optional(),
            /** BambooHR's API; another URL only for a stand-in (tests). */
            apiUrl: z.string().url().default('https://api.bamboohr.com'),
            /** How long a call to the API may take before the event is tried again later. */
            timeoutMs: z.number().int().min(500).max(60_000).default(10_000),
          })
          .strict()
          .optional(),
        /**
         * How a joiner's initial password reaches them, through the SMTP server of alerts.smtp: `manager-mail` to their
         * manager's mail (the addresses of `to` when the manager has none), `mail` to the addresses of `to` (the IT
         * desk), `none` to no one (the IT desk resets it at the first visit). Never logged, never stored.
         */
        passwordDelivery: z
          .object({
            channel: z.enum(['manager-mail', 'mail', 'none']).default('none'),
            to: z.array(z.email({ error: 'expected a mail address' })).default([]),
          })
          .strict()
          .default({ channel: 'none', to: [] }),
        /** How often an event that cannot be applied yet (the directory down, its manager unknown) is tried before the dead-letter list. */
        retries: z
          .object({
            limit: z.number().int().min(0).max(50).default(10),
            /** The first wait; each next one is twice as long. */
            delaySeconds: z.number().int().min(1).max(3600).default(30),
          })
          .strict()
          .default({ limit: 10, delaySeconds: 30 }),
      })
      .strict()
      .default({
        loginPattern: '{first}.{last}',
        loginMaxLength: 20,
        webhook: { secretEnv: 'VIGIE_HR_WEBHOOK_SECRET', toleranceSeconds: 300, maxBodyBytes: 65_536 },
        scim: { tokenEnv: 'VIGIE_SCIM_TOKEN' },
        retries: { limit: 10, delaySeconds: 30 },
        passwordDelivery: { channel: 'none', to: [] },
      }),
    directories: z.array(directoryConfigSchema).default([]),
    scheduler: z
      .object({
        enabled: z.boolean().default(true),
        timezone: z.string().default('Europe/Paris'),
        fullSync: cron.default('0 1 * * *'),
        /** Incremental sync of every directory; "off" to run full syncs only. */
        incrementalSync: cron.or(z.literal('off')).default('*/10 * * * *'),
        audit: cron.default('0 2 * * *'),
        /**
         * Audit again right after a scheduled sync that saw objects or memberships change, so that a new member of
         * a privileged group alerts within minutes rather than the next night. false: the audit schedule only.
         */
        auditAfterChanges: z.boolean().default(true),
      })
      .strict()
      .default({
        enabled: true,
        timezone: 'Europe/Paris',
        fullSync: '0 1 * * *',
        incrementalSync: '*/10 * * * *',
        audit: '0 2 * * *',
        auditAfterChanges: true,
      }),
    alerts: z
      .object({
        /** Findings at or above this severity, new or back, are sent at once. */
        minSeverity: z.enum(['critical', 'high', 'medium', 'low', 'info']).default('critical'),
        smtp: z
          .object({
            host: z.string().min(1),
            port: z.number().int().min(1).max(65535).default(587),
            /** TLS from the first byte (port 465); otherwise STARTTLS is required unless allowPlain. */
            secure: z.boolean().default(false),
            allowPlain: z.boolean().default(false),
            user: z.string().optional(),
            passwordEnv: z.string().optional(),
            /** Filled from passwordEnv at load time; never written in the YAML itself. */
            password: z.string().optional(),
            caFile: z.string().optional(),
            from: z.string().regex(/^[^\s@]+@[^\s@]+$/, 'expected a mail address'),
            to: z.array(z.string().regex(/^[^\s@]+@[^\s@]+$/, 'expected a mail address')).min(1, 'expected at least one recipient'),
            timeoutMs: z.number().int().min(100).default(10000),
          })
          .strict()
          .optional(),
        webhook: z
          .object({
            url: z.string().regex(/^https?:\/\/\S+$/, 'expected an http:// or https:// URL'),
            /** Name of the environment variable holding the signing secret. */
            secretEnv: z.string().optional(),
            secret: z.string().optional(),
            timeoutMs: z.number().int().min(100).default(5000),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default({ minSeverity: 'critical' }),
    /** The compliance reports (docs/reports.md): the monthly one, and the defaults of the others. */
    reports: z
      .object({
        /** When the previous month's report is generated, stored and mailed, in scheduler.timezone; "off" for never. */
        schedule: cron.or(z.literal('off')).default('0 7 1 * *'),
        /** Who the monthly report is mailed to; the recipients of alerts.smtp when absent. */
        mailTo: z.array(z.string().regex(/^[^\s@]+@[^\s@]+$/, 'expected a mail address')).optional(),
        format: z.enum(['pdf', 'html']).default('pdf'),
        lang: z.enum(['fr', 'en']).default('fr'),
        /** The name on the report's title; the directories' names when absent. */
        organisation: z.string().min(1).max(200).optional(),
      })
      .strict()
      .default({ schedule: '0 7 1 * *', format: 'pdf', lang: 'fr' }),
    api: z
      .object({
        /** Serve the OpenAPI page at /api/docs (the page loads without a token; the document it shows needs one, like every route but /health). */
        docs: z.boolean().default(true),
      })
      .strict()
      .default({ docs: true }),
    trail,
    auth,
    testing: z
      .object({
        /**
         * Crash tests only: the process kills itself (SIGKILL) right before committing a unit of work that recorded
         * this trail action (e.g. `sync.succeeded`), to prove that nothing of it lands. Never set in production.
         */
        killBeforeCommitOf: z
          .string()
          .regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/, 'expected a trail action such as sync.succeeded')
          .optional(),
      })
      .strict()
      .default({}),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.directories.forEach((d, i) => {
      if (seen.has(d.name)) {
        ctx.addIssue({ code: 'custom', path: ['directories', i, 'name'], message: `duplicate directory name "${d.name}": each directory needs its own name` });
      }
      seen.add(d.name);
    });
    const login = cfg.auth.directory;
    if (login) {
      const d = cfg.directories.find((x) => x.name === login.directory);
      if (!d || d.kind === 'ldif') {
        const names = cfg.directories.filter((x) => x.kind !== 'ldif').map((x) => x.name);
        ctx.addIssue({
          code: 'custom',
          path: ['auth', 'directory', 'directory'],
          message: `not a configured ldap or ad directory: expected one of ${names.join(', ') || '(none: add one under directories)'}`,
        });
      } else if (!d.url.startsWith('ldaps://') && !d.startTls) {
        // A sign-in bind carries the person's password: never in clear on the network.
        ctx.addIssue({
          code: 'custom',
          path: ['auth', 'directory', 'directory'],
          message: `the directory "${d.name}" is reached over plain ldap://: signing in sends passwords, so use an ldaps:// URL or set startTls: true on it`,
        });
      }
    }
    const hrDirectory = cfg.hr.directory;
    if (hrDirectory) {
      const d = cfg.directories.find((x) => x.name === hrDirectory);
      if (!d || d.kind === 'ldif') {
        const names = cfg.directories.filter((x) => x.kind !== 'ldif').map((x) => x.name);
        ctx.addIssue({
          code: 'custom',
          path: ['hr', 'directory'],
          message: `not a configured ldap or ad directory: expected one of ${names.join(', ') || '(none: add one under directories)'}`,
        });
      }
    }
    const bambooApi = cfg.hr.bamboohr?.apiUrl;
    if (bambooApi && !bambooApi.startsWith('https://') && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(bambooApi)) {
      // The API key rides on every call in an Authorization header: never in clear but to a stand-in on this machine.
      ctx.addIssue({
        code: 'custom',
        path: ['hr', 'bamboohr', 'apiUrl'],
        message: 'expected an https:// URL: plain http is allowed only for a stand-in on this machine (localhost, 127.0.0.1)',
      });
    }
    const delivery = cfg.hr.passwordDelivery;
    if (delivery.channel !== 'none' && !cfg.alerts.smtp) {
      ctx.addIssue({
        code: 'custom',
        path: ['hr', 'passwordDelivery', 'channel'],
        message: `"${delivery.channel}" sends the initial password by mail: configure alerts.smtp, or choose "none"`,
      });
    }
    if (delivery.channel === 'mail' && !delivery.to.length) {
      ctx.addIssue({ code: 'custom', path: ['hr', 'passwordDelivery', 'to'], message: 'the "mail" channel needs the addresses to send to (the IT desk)' });
    }
    const issuer = cfg.auth.oidc?.issuer;
    if (issuer?.startsWith('http://') && !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/.test(issuer)) {
      // Tokens and codes would cross the network in clear: only a provider on this machine (a test, a lab) may be http.
      ctx.addIssue({
        code: 'custom',
        path: ['auth', 'oidc', 'issuer'],
        message: 'expected an https:// issuer: plain http is allowed only for a provider on this machine (localhost, 127.0.0.1)',
      });
    }
    if (cfg.auth.oidc && !cfg.auth.oidc.redirectUri && !cfg.http.publicUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth', 'oidc', 'redirectUri'],
        message: 'OIDC needs the address the provider sends the browser back to: set auth.oidc.redirectUri or http.publicUrl',
      });
    }
    const glass = cfg.auth.breakGlass;
    if (glass.enabled && !glass.passwordHash && !glass.passwordHashFile) {
      ctx.addIssue({
        code: 'custom',
        path: ['auth', 'breakGlass', 'passwordHash'],
        message:
          'the break-glass account is enabled without a password hash: set VIGIE_AUTH_BREAK_GLASS_HASH or auth.breakGlass.passwordHashFile (`vigie auth hash-password`)',
      });
    }
  });

export type VigieConfig = z.infer<typeof configSchema>;
export type DirectoryConfig = z.infer<typeof directoryConfigSchema>;
export type TrailConfig = z.infer<typeof trail>;
export type LdapDirectoryConfig = z.infer<typeof ldapDirectory>;
export type AuthConfig = z.infer<typeof auth>;
