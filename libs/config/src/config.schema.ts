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

export const directoryConfigSchema = z.discriminatedUnion('kind', [ldapDirectory, ldifDirectory]);

export const configSchema = z
  .object({
    http: z
      .object({
        host: z.string().default('0.0.0.0'),
        port: z.number().int().min(1).max(65535).default(3000),
        publicUrl: z.string().url().optional(),
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
      })
      .strict()
      .default({}),
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
    api: z
      .object({
        /** Serve the OpenAPI UI at /api/docs (it still needs a token, like every route but /health). */
        docs: z.boolean().default(true),
      })
      .strict()
      .default({ docs: true }),
    trail,
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
  });

export type VigieConfig = z.infer<typeof configSchema>;
export type DirectoryConfig = z.infer<typeof directoryConfigSchema>;
export type TrailConfig = z.infer<typeof trail>;
export type LdapDirectoryConfig = z.infer<typeof ldapDirectory>;
