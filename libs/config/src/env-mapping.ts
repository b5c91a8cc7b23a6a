/**
 * Environment variables Vigie reads, and the configuration key each one sets.
 * The config library is the only place that reads process.env.
 */
export interface EnvBinding {
  env: string;
  key: string[];
  type: 'string' | 'number' | 'boolean';
  secret?: boolean;
}

export const ENV_BINDINGS: EnvBinding[] = [
  { env: 'DATABASE_URL', key: ['database', 'url'], type: 'string', secret: true },
  { env: 'VIGIE_DATA_DIR', key: ['database', 'dataDir'], type: 'string' },
  { env: 'VIGIE_DB_POOL_SIZE', key: ['database', 'poolSize'], type: 'number' },
  { env: 'PORT', key: ['http', 'port'], type: 'number' },
  { env: 'VIGIE_HTTP_PORT', key: ['http', 'port'], type: 'number' },
  { env: 'VIGIE_HTTP_HOST', key: ['http', 'host'], type: 'string' },
  { env: 'VIGIE_PUBLIC_URL', key: ['http', 'publicUrl'], type: 'string' },
  { env: 'VIGIE_TRUST_PROXY', key: ['http', 'trustProxy'], type: 'string' },
  { env: 'VIGIE_LOG_LEVEL', key: ['log', 'level'], type: 'string' },
  { env: 'VIGIE_POLICY_DIR', key: ['policy', 'dir'], type: 'string' },
  { env: 'VIGIE_POLICY_KEEP_LAST_VALID', key: ['policy', 'keepLastValid'], type: 'boolean' },
  { env: 'VIGIE_HR_ROSTER', key: ['hr', 'rosterFile'], type: 'string' },
  { env: 'VIGIE_SCHEDULER_ENABLED', key: ['scheduler', 'enabled'], type: 'boolean' },
  { env: 'VIGIE_SCHEDULER_TIMEZONE', key: ['scheduler', 'timezone'], type: 'string' },
  { env: 'VIGIE_FULL_SYNC_CRON', key: ['scheduler', 'fullSync'], type: 'string' },
  { env: 'VIGIE_INCREMENTAL_SYNC_CRON', key: ['scheduler', 'incrementalSync'], type: 'string' },
  { env: 'VIGIE_AUDIT_CRON', key: ['scheduler', 'audit'], type: 'string' },
  { env: 'VIGIE_AUDIT_AFTER_CHANGES', key: ['scheduler', 'auditAfterChanges'], type: 'boolean' },
  { env: 'VIGIE_API_DOCS', key: ['api', 'docs'], type: 'boolean' },
  { env: 'VIGIE_TRAIL_SIGNING_KEY', key: ['trail', 'signingKey'], type: 'string', secret: true },
  { env: 'VIGIE_TRAIL_SIGNING_KEY_FILE', key: ['trail', 'signingKeyFile'], type: 'string' },
  { env: 'VIGIE_TRAIL_PSEUDONYM_KEY', key: ['trail', 'pseudonymKey'], type: 'string', secret: true },
  { env: 'VIGIE_TRAIL_PSEUDONYM_KEY_FILE', key: ['trail', 'pseudonymKeyFile'], type: 'string' },
  { env: 'VIGIE_TRAIL_CHECKPOINT_CRON', key: ['trail', 'checkpointCron'], type: 'string' },
  { env: 'VIGIE_TRAIL_PRUNE_CRON', key: ['trail', 'pruneCron'], type: 'string' },
  { env: 'VIGIE_TRAIL_PINNED_PUBLIC_KEYS', key: ['trail', 'pinnedPublicKeys'], type: 'string' },
  { env: 'VIGIE_TRAIL_PUBLISH_FILE', key: ['trail', 'publish', 'file'], type: 'string' },
  { env: 'VIGIE_TRAIL_PUBLISH_WEBHOOK_URL', key: ['trail', 'publish', 'webhook', 'url'], type: 'string' },
  { env: 'VIGIE_TRAIL_PUBLISH_WEBHOOK_TOKEN', key: ['trail', 'publish', 'webhook', 'token'], type: 'string', secret: true },
  { env: 'VIGIE_TRAIL_RETENTION_ACCESS_DAYS', key: ['trail', 'retention', 'access', 'days'], type: 'number' },
  { env: 'VIGIE_TRAIL_RETENTION_CHANGE_DAYS', key: ['trail', 'retention', 'change', 'days'], type: 'number' },
  { env: 'VIGIE_TRAIL_RETENTION_OPERATION_DAYS', key: ['trail', 'retention', 'operation', 'days'], type: 'number' },
  { env: 'VIGIE_TRAIL_RETENTION_ACCESS_JUSTIFICATION', key: ['trail', 'retention', 'access', 'justification'], type: 'string' },
  { env: 'VIGIE_TRAIL_RETENTION_CHANGE_JUSTIFICATION', key: ['trail', 'retention', 'change', 'justification'], type: 'string' },
  { env: 'VIGIE_AUTH_OIDC_CLIENT_SECRET', key: ['auth', 'oidc', 'clientSecret'], type: 'string', secret: true },
  { env: 'VIGIE_AUTH_BREAK_GLASS_ENABLED', key: ['auth', 'breakGlass', 'enabled'], type: 'boolean' },
  { env: 'VIGIE_AUTH_BREAK_GLASS_HASH', key: ['auth', 'breakGlass', 'passwordHash'], type: 'string', secret: true },
  { env: 'VIGIE_AUTH_SESSION_SECURE_COOKIE', key: ['auth', 'session', 'secureCookie'], type: 'boolean' },
  { env: 'VIGIE_TEST_KILL_BEFORE_COMMIT_OF', key: ['testing', 'killBeforeCommitOf'], type: 'string' },
  { env: 'VIGIE_TRAIL_RETENTION_OPERATION_JUSTIFICATION', key: ['trail', 'retention', 'operation', 'justification'], type: 'string' },
];

/** One directory can be described entirely by environment variables (handy in containers). */
export const ENV_DIRECTORY = {
  name: 'VIGIE_LDAP_NAME',
  kind: 'VIGIE_LDAP_KIND',
  url: 'VIGIE_LDAP_URL',
  baseDn: 'VIGIE_LDAP_BASE_DN',
  bindDn: 'VIGIE_LDAP_BIND_DN',
  bindPassword: 'VIGIE_LDAP_BIND_PASSWORD',
  caFile: 'VIGIE_LDAP_CA_FILE',
  startTls: 'VIGIE_LDAP_STARTTLS',
  passwordPolicyDn: 'VIGIE_LDAP_PASSWORD_POLICY_DN',
  ldifFile: 'VIGIE_LDIF_FILE',
} as const;

/** Keys whose values must never be echoed back in an error message or a log. */
export const SECRET_KEYS = /(password|secret|token|url|key)$/i;
